package dev.tpm2j.simulator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a simulator: provisioning profile, fixed port (0 = free ports), persistent state directory (null =
 * a fresh temporary one, deleted on close), RSA EK key size for swtpm_setup (2048 or 3072), active PCR banks, and
 * a log file for swtpm (null = inside the state directory).
 */
public record SwtpmOptions(Profile profile, int port, Path stateDir, int rsaKeySize, String pcrBanks, Path logFile) {
    /** The defaults: bare profile, a free port, temporary state, RSA 2048, a SHA-256 PCR bank. */
    public static final SwtpmOptions DEFAULT = new SwtpmOptions(Profile.BARE, 0, null, 2048, "sha256", null);

    /** Checks the values. */
    public SwtpmOptions {
        Objects.requireNonNull(profile, "profile");
        if (port < 0 || port > 65534) {
            throw new IllegalArgumentException("port must be 0 (free) or 1..65534");
        }
        if (rsaKeySize != 2048 && rsaKeySize != 3072) {
            throw new IllegalArgumentException("swtpm_setup makes RSA EKs of 2048 or 3072 bits");
        }
        if (pcrBanks == null || !pcrBanks.matches("[a-z0-9]+(,[a-z0-9]+)*")) {
            throw new IllegalArgumentException("pcrBanks must be a list like sha256 or sha1,sha256");
        }
    }

    /** These options with provisioning profile {@code p}. */
    public SwtpmOptions withProfile(Profile p) {
        return new SwtpmOptions(p, port, stateDir, rsaKeySize, pcrBanks, logFile);
    }

    /** These options with the fixed command port {@code p} (control channel on {@code p + 1}). */
    public SwtpmOptions withPort(int p) {
        return new SwtpmOptions(profile, p, stateDir, rsaKeySize, pcrBanks, logFile);
    }

    /** Keep state in {@code dir} across runs (manufactured only when empty; not deleted on close). */
    public SwtpmOptions withStateDir(Path dir) {
        return new SwtpmOptions(profile, port, dir, rsaKeySize, pcrBanks, logFile);
    }

    /** These options with the RSA key size swtpm_setup uses. */
    public SwtpmOptions withRsaKeySize(int bits) {
        return new SwtpmOptions(profile, port, stateDir, bits, pcrBanks, logFile);
    }

    /** These options with the PCR banks swtpm_setup allocates (e.g. {@code sha1,sha256}). */
    public SwtpmOptions withPcrBanks(String banks) {
        return new SwtpmOptions(profile, port, stateDir, rsaKeySize, banks, logFile);
    }

    /** These options with swtpm logging to {@code file}. */
    public SwtpmOptions withLogFile(Path file) {
        return new SwtpmOptions(profile, port, stateDir, rsaKeySize, pcrBanks, file);
    }
}

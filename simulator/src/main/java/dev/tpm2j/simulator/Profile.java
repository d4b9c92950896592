package dev.tpm2j.simulator;

import java.util.Locale;

/** How a freshly manufactured simulator is provisioned to look like real hardware. */
public enum Profile {
    /** What swtpm_setup does by itself: RSA EK certificate at 0x01C00002, ECC P-384 at 0x01C00016. */
    BARE("bare"),
    /**
     * An Intel-PTT-like TPM with an on-die CA chain: root → family intermediate → off-chip issuing CA → on-chip
     * ROM CA → Kernel CA → device-unique PTT CA → EK certificates (ECC P-256 at 0x01C0000A, RSA 2048 at
     * 0x01C00002). The three on-chip CAs are stored in 0x01C00100 and overflow into 0x01C00101.
     */
    INTEL_ODCA("intel-odca"),
    /** An Infineon-like discrete TPM: RSA EK certificate issued directly by a vendor intermediate, no NV chain. */
    DISCRETE("discrete");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The command-line name, e.g. {@code intel-odca}. */
    public String id() {
        return id;
    }

    /** The profile named {@code id} (case-insensitive); an unknown name is an IllegalArgumentException. */
    public static Profile fromId(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; use bare, intel-odca or discrete");
    }
}

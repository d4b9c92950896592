package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.AiaFetcher;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TrustBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The trust options shared by the commands that verify EK chains: the shipped TPM trust bundle by default,
 * {@code --trust} / {@code --intermediates} to add to it, {@code --no-default-trust} to leave it out, and AIA fetching
 * of a missing issuer unless {@code --offline}. Produces a {@link TrustBundle} and an optional {@link AiaFetcher}.
 */
final class TrustOptions {
    /** Per-request time bound of AIA fetching. */
    static final Duration AIA_TIMEOUT = Duration.ofSeconds(5);
    /** The largest AIA response accepted (a CA certificate is a few KiB). */
    static final int AIA_MAX_BYTES = 64 * 1024;

    List<Path> anchors = new ArrayList<>();
    List<Path> intermediates = new ArrayList<>();
    boolean noDefaultTrust;
    boolean offline;

    /** The spec of the command these options were added to, for its stderr (null until {@link #addTo}). */
    CommandSpec mixee;

    /**
     * Adds {@code --trust}, {@code --intermediates}, {@code --no-default-trust} and {@code --offline} to {@code spec},
     * bound to these options' fields, and keeps {@code spec} for reporting AIA fetches on the command's stderr.
     */
    void addTo(CommandSpec spec) {
        mixee = spec;
        spec.addOption(CodeModel.list(Path.class, () -> anchors, v -> anchors = v, "--trust").paramLabel("FILE|DIR")
                .description("more trust anchors (repeatable): a PEM bundle (the TPM trust bundle format), a DER/PEM "
                        + "file, a directory of them, or a .jks/.p12 key store; added to the shipped TPM trust bundle")
                .build());
        spec.addOption(CodeModel.list(Path.class, () -> intermediates, v -> intermediates = v, "--intermediates")
                .paramLabel("FILE|DIR")
                .description("untrusted intermediate CA certificates for path building (repeatable)").build());
        spec.addOption(CodeModel.option(boolean.class, () -> noDefaultTrust, v -> noDefaultTrust = v,
                "--no-default-trust").description("do not use the shipped TPM trust bundle (only --trust anchors count)")
                .build());
        spec.addOption(CodeModel.option(boolean.class, () -> offline, v -> offline = v, "--offline")
                .description("never fetch a missing issuer from its AIA URL (default: fetch over http(s), "
                        + "5 s per request, at most 64 KiB, only when the chain is otherwise incomplete)").build());
    }

    /** The files read by {@link #check()}, kept for {@link #bundle}. */
    private TrustBundle files;

    /**
     * Reads the shipped bundle and the {@code --trust} / {@code --intermediates} files: a command calls this before
     * it opens the TPM, so a bad file is reported (exit 3, naming option and file) without touching the TPM.
     */
    void check() {
        files = Trust.files(anchors, intermediates, !noDefaultTrust);
    }

    /** The bundle these options describe, plus the embedded simulator's CA for {@code --tpm sim}. */
    TrustBundle bundle(Tpm tpm) {
        if (files == null) {
            check();
        }
        TrustBundle b = Trust.withSimulator(files, tpm);
        files = null; // read again on the next run of a reused command line
        return b;
    }

    /** The AIA fetcher, or empty with {@code --offline}; every fetch is reported on stderr with its URL. */
    Optional<AiaFetcher> aiaFetcher() {
        if (offline) {
            return Optional.empty();
        }
        AiaFetcher http = AiaFetcher.http(AIA_TIMEOUT, AIA_MAX_BYTES);
        return Optional.of(url -> {
            var got = http.fetch(url);
            PrintWriter err = mixee != null ? mixee.commandLine().getErr() : new PrintWriter(System.err, true);
            err.println("tpm2j: " + (got.isPresent() ? "fetched from " + url + " (joins the chain only if its "
                    + "signature verifies; never a trust anchor)" : "could not fetch " + url));
            err.flush();
            return got;
        });
    }

    /**
     * Verifies {@code ek}'s chain: offline first; only when that leaves a link missing (and not {@code --offline})
     * again with AIA fetching, so a complete chain never touches the network.
     */
    EkChain.Result verify(EkInventory inv, EkInventory.EkCertificate ek, TrustBundle bundle, Instant at) {
        EkChain.Result r = inv.verifyChain(ek, bundle, List.of(), at, null);
        if (r.trusted() || r.missingIssuer().isEmpty()) {
            return r;
        }
        return aiaFetcher().map(f -> inv.verifyChain(ek, bundle, List.of(), at, f)).orElse(r);
    }
}

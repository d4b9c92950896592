package dev.tpm2j.ek.readiness;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.ek.AiaFetcher;
import dev.tpm2j.ek.TrustBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Is this TPM ready for attestation (Autopilot, AIK enrollment)? {@link #assess} runs the checks — tpm20, ek-cert,
 * ek-match, ek-chain, aik-url, roca, virtual-tpm, clock-skew, activation — and returns typed findings with their
 * fixes. Nothing here prints or decides an exit code: a command line renders the {@link Report}.
 */
public final class Readiness {
    /** tpm2j's checks after tpm20, in report order. */
    public static final List<ReadinessCheck> DEFAULT_CHECKS = List.of(EkChecks::ekCertificate, EkChecks::ekMatch,
            EkChecks::chainAndAikUrl, EkChecks::roca, EkChecks::virtualTpm, ClockSkew::check,
            TrialActivation::check);

    private Readiness() {
    }

    /**
     * What the assessment uses.
     *
     * @param trust     anchors and intermediates for the EK chain (a shipped default bundle can be passed here)
     * @param fetcher   AIA fetcher for missing chain links, or null to fetch nothing
     * @param reference the true time for the clock-skew check
     * @param progress  told about each check as it completes (e.g. to print progress at a terminal); may be null
     */
    public record Options(TrustBundle trust, AiaFetcher fetcher, ReferenceTime reference, Consumer<Check> progress) {
        /** Options with no AIA fetching, no reference time and no progress listener. */
        public static Options of(TrustBundle trust) {
            return new Options(trust, null, new ReferenceTime.None(), null);
        }
    }

    /** The findings in order, and whether none failed. */
    public record Report(List<Check> checks) {
        /** Copies the list. */
        public Report {
            checks = List.copyOf(checks);
        }

        /** True when no check failed. */
        public boolean ready() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        }
    }

    /** The report when no TPM could be opened at all. */
    public static Report noTpm(String why) {
        return new Report(List.of(Check.fail("tpm20", "no TPM 2.0 answered: " + why,
                "enable the TPM (PTT / fTPM / dTPM) in firmware, or pass --tpm with a reachable TPM")));
    }

    /** Runs {@link #DEFAULT_CHECKS}. */
    public static Report assess(Tpm tpm, Options options) {
        return assess(tpm, options, DEFAULT_CHECKS);
    }

    /**
     * Runs the tpm20 check, then {@code checks} in order. A TPM that stops answering ends the assessment with a
     * tpm20 failure; the findings so far are kept.
     */
    public static Report assess(Tpm tpm, Options options, List<ReadinessCheck> checks) {
        List<Check> out = new ArrayList<>();
        Consumer<Check> add = c -> {
            out.add(c);
            if (options.progress() != null) {
                options.progress().accept(c);
            }
        };
        try {
            int family = tpm.fixedProperties().getOrDefault(TpmPt.FAMILY_INDICATOR, 0);
            if (family != 0x322E3000) {
                add.accept(Check.fail("tpm20", "the TPM reports family " + Integer.toHexString(family) + ", not 2.0",
                        "attestation needs a TPM 2.0; update the TPM firmware or enable the TPM 2.0 mode in firmware"));
                return new Report(out);
            }
            add.accept(Check.pass("tpm20", "a TPM 2.0 answers over " + tpm.transport()));
        } catch (TpmException e) {
            add.accept(Check.fail("tpm20", "no TPM 2.0 answered: " + e.getMessage(),
                    "enable the TPM (PTT / fTPM / dTPM) in firmware, or pass --tpm with a reachable TPM"));
            return new Report(out);
        }
        ReadinessContext context = new ReadinessContext(tpm, options);
        try {
            for (ReadinessCheck check : checks) {
                check.run(context).forEach(add);
            }
        } catch (TpmException e) {
            add.accept(Check.fail("tpm20", "the TPM stopped answering: " + e.getMessage(),
                    "check the TPM and try again"));
        }
        return new Report(out);
    }
}

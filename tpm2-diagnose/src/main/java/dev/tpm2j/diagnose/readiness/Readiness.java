package dev.tpm2j.diagnose.readiness;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.ek.AiaFetcher;
import dev.tpm2j.ek.TrustBundle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Is this TPM ready for attestation (Autopilot, AIK enrollment)? {@link #assess} runs the checks — tpm20, ek-cert,
 * ek-match, ek-chain, aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events — and returns typed
 * findings with their fixes; {@link #assessOnly} runs the named ones. Nothing here prints or decides an exit code: a
 * command line renders the {@link Report}.
 */
public final class Readiness {
    /** The id of the first check, which every assessment runs: does a TPM 2.0 answer? */
    public static final String TPM20 = "tpm20";

    /** tpm2j's checks after tpm20, in report order. */
    public static final List<ReadinessCheck> DEFAULT_CHECKS = List.of(
            ReadinessCheck.of("ek-cert", EkChecks::ekCertificate),
            ReadinessCheck.of("ek-match", EkChecks::ekMatch),
            ReadinessCheck.of("ek-chain", EkChecks::ekChain),
            ReadinessCheck.of("aik-url", EkChecks::aikUrl),
            ReadinessCheck.of("roca", EkChecks::roca),
            ReadinessCheck.of("virtual-tpm", EkChecks::virtualTpm),
            ReadinessCheck.of("clock-skew", ClockSkew::check),
            ReadinessCheck.of("activation", TrialActivation::check),
            ReadinessCheck.of(AutopilotEventsCheck.ID, AutopilotEventsCheck::check));

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

    /** The findings in order, and whether every one of them was checked and none failed. */
    public record Report(List<Check> checks) {
        /** Copies the list. */
        public Report {
            checks = List.copyOf(checks);
        }

        /**
         * True when every check passed, warned or does not apply: none failed and none could not run (a check that
         * did not run is never counted as a pass).
         */
        public boolean ready() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL || c.status() == Status.NOT_CHECKED);
        }

        /** The ids of the checks that failed, in report order. */
        public List<String> failed() {
            return ids(Status.FAIL);
        }

        /** The ids of the checks that could not run, in report order. */
        public List<String> notChecked() {
            return ids(Status.NOT_CHECKED);
        }

        private List<String> ids(Status status) {
            return checks.stream().filter(c -> c.status() == status).map(Check::id).toList();
        }
    }

    /** The report when no TPM could be opened at all. */
    public static Report noTpm(String why) {
        return new Report(List.of(Check.fail(TPM20, "no TPM 2.0 answered: " + why,
                "enable the TPM (PTT / fTPM / dTPM) in firmware, or pass --tpm with a reachable TPM")));
    }

    /** Every check id {@link #assess} reports, in report order: tpm20, then {@link #DEFAULT_CHECKS}' ids. */
    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(TPM20);
        DEFAULT_CHECKS.forEach(c -> ids.add(c.id()));
        return List.copyOf(ids);
    }

    /** Runs {@link #DEFAULT_CHECKS}. */
    public static Report assess(Tpm tpm, Options options) {
        return assess(tpm, options, DEFAULT_CHECKS);
    }

    /**
     * Runs only the checks named in {@code only} (ids from {@link #ids()}), in report order, sending only the TPM
     * commands they need. The TPM is always asked whether it is a TPM 2.0 first; that finding is reported when
     * {@code tpm20} is named, or when it fails (then nothing else can run).
     *
     * @throws IllegalArgumentException when an id is not one of {@link #ids()} (the message lists the valid ids)
     */
    public static Report assessOnly(Tpm tpm, Options options, Collection<String> only) {
        List<String> unknown = only.stream().filter(id -> !ids().contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown check id " + String.join(", ", unknown) + "; valid ids: "
                    + String.join(", ", ids()));
        }
        List<ReadinessCheck> checks = DEFAULT_CHECKS.stream().filter(c -> only.contains(c.id())).toList();
        return run(tpm, options, checks, only.contains(TPM20));
    }

    /**
     * Runs the tpm20 check, then {@code checks} in order. A TPM that stops answering ends the assessment with a
     * tpm20 failure; the findings so far are kept.
     */
    public static Report assess(Tpm tpm, Options options, List<ReadinessCheck> checks) {
        return run(tpm, options, checks, true);
    }

    private static Report run(Tpm tpm, Options options, List<ReadinessCheck> checks, boolean reportTpm20Pass) {
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
                add.accept(Check.fail(TPM20, "the TPM reports family " + Integer.toHexString(family) + ", not 2.0",
                        "attestation needs a TPM 2.0; update the TPM firmware or enable the TPM 2.0 mode in firmware"));
                return new Report(out);
            }
            if (reportTpm20Pass) {
                add.accept(Check.pass(TPM20, "a TPM 2.0 answers over " + tpm.transport()));
            }
        } catch (TpmException e) {
            add.accept(Check.fail(TPM20, "no TPM 2.0 answered: " + e.getMessage(),
                    "enable the TPM (PTT / fTPM / dTPM) in firmware, or pass --tpm with a reachable TPM"));
            return new Report(out);
        }
        ReadinessContext context = new ReadinessContext(tpm, options);
        try {
            for (ReadinessCheck check : checks) {
                Check c = check.run(context);
                if (!c.id().equals(check.id())) {
                    throw new IllegalStateException(check + " reported a finding with id " + c.id());
                }
                add.accept(c);
            }
        } catch (TpmException e) {
            add.accept(Check.fail(TPM20, "the TPM stopped answering: " + e.getMessage(),
                    "check the TPM and try again"));
        }
        return new Report(out);
    }
}

package dev.tpm2j.diagnose.explain;

import java.util.Optional;

/**
 * What confirms or rules out one cause: a tpm2j command to run against the TPM, or nothing tpm2j can check (the
 * cause lies elsewhere, e.g. the Entra ID device limit).
 */
public sealed interface Check permits Check.Diagnose, Check.EkChain, Check.AikUrl, Check.Rc, Check.OutsideTpm2j {

    /** The command line to run, e.g. {@code tpm2j diagnose --only clock-skew}; empty for {@link OutsideTpm2j}. */
    Optional<String> command();

    /** One readiness check of {@code tpm2j diagnose}, run alone. */
    record Diagnose(DiagnoseCheck check) implements Check {
        @Override
        public Optional<String> command() {
            return Optional.of("tpm2j diagnose --only " + check.id());
        }
    }

    /** The EK certificate chain with provenance and verdict ({@code tpm2j ek-chain}). */
    record EkChain() implements Check {
        @Override
        public Optional<String> command() {
            return Optional.of("tpm2j ek-chain");
        }
    }

    /** The right AIK service URL, the naive one, and whether they differ ({@code tpm2j aik-url}). */
    record AikUrl() implements Check {
        @Override
        public Optional<String> command() {
            return Optional.of("tpm2j aik-url");
        }
    }

    /** The response code decoded in full ({@code tpm2j rc CODE}). */
    record Rc(int code) implements Check {
        @Override
        public Optional<String> command() {
            return Optional.of(String.format("tpm2j rc 0x%08x", code));
        }
    }

    /** Nothing tpm2j can check; {@code where} says where to look instead. */
    record OutsideTpm2j(String where) implements Check {
        @Override
        public Optional<String> command() {
            return Optional.empty();
        }
    }

    /** The check ids of {@code tpm2j diagnose} (stable, see the README). */
    enum DiagnoseCheck {
        /** A TPM 2.0 answers. */
        TPM20("tpm20"),
        /** An EK certificate is in NV. */
        EK_CERT("ek-cert"),
        /** The EK certificate's key is the TPM's EK. */
        EK_MATCH("ek-match"),
        /** The EK certificate chains to a trusted root. */
        EK_CHAIN("ek-chain"),
        /** The AIK service URL can be computed. */
        AIK_URL("aik-url"),
        /** No RSA EK carries the ROCA fingerprint. */
        ROCA("roca"),
        /** The TPM is physical. */
        VIRTUAL_TPM("virtual-tpm"),
        /** The clock is within 5 minutes of a reference time (warns from 5, fails from 10). */
        CLOCK_SKEW("clock-skew"),
        /** A trial MakeCredential / ActivateCredential round trip works. */
        ACTIVATION("activation"),
        /** Windows only: the Autopilot event channel holds no TPM attestation failure. */
        AUTOPILOT_EVENTS("autopilot-events");

        private final String id;

        DiagnoseCheck(String id) {
            this.id = id;
        }

        /** The id {@code diagnose} prints and {@code --only} takes. */
        public String id() {
            return id;
        }
    }
}

package dev.tpm2j.diagnose.explain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What {@link Explainer} made of one input: recognised (with causes and checks) or not. */
public sealed interface Explanation permits Explanation.Recognised, Explanation.NotRecognised {

    /** The input as given. */
    String input();

    /** What kind of thing an input was recognised as. */
    enum Kind {
        /** A TPM 2.0 (or 1.2) response code. */
        TPM_RESPONSE_CODE("tpm-rc"),
        /** A tpm2-tss layered code (TCTI, SYS, ESAPI, FAPI, MU, resource manager). */
        TSS2_LAYERED("tss2-rc"),
        /** A Windows TPM_20_E code carrying a TPM response code. */
        WINDOWS_TPM_20_E("tpm20-e"),
        /** A Windows TPM 1.2-family code (TPM_E_* in 0x80280000–0x802803FF and 0x802808xx). */
        WINDOWS_TPM_E("tpm-e"),
        /** A Windows TPM Base Services code (TBS_E_*, TPM_E_* blocking). */
        WINDOWS_TBS("tbs"),
        /** A Windows TPM API / Platform Crypto Provider code. */
        WINDOWS_TPMAPI("tpmapi"),
        /** A Windows HRESULT or Win32 error seen in attestation and Autopilot. */
        HRESULT("hresult"),
        /** An Autopilot / device registration event id. */
        EVENT("event"),
        /** A line from a diagnostics log ({@code TpmHliInfo_Output.txt}, an event message …). */
        LOG_LINE("log-line");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The stable label printed in JSON. */
        public String label() {
            return label;
        }
    }

    /**
     * The input was recognised.
     *
     * @param input   the input as given
     * @param kind    what it is
     * @param code    the 32-bit code, when the input is or names one
     * @param name    the symbolic name (CERT_E_EXPIRED, TPM_RC_LOCKOUT, …), when there is one; a Windows TPM code
     *                carries only the name winerror.h gives it, never an invented one
     * @param summary what it means, in one or two sentences
     * @param ranked  the causes that can stand behind it, most likely first given the whole paste, each with its
     *                check and why it is ranked there
     */
    record Recognised(String input, Kind kind, OptionalInt code, Optional<String> name, String summary,
                      List<RankedCause> ranked) implements Explanation {
        /** Copies the list. */
        public Recognised {
            ranked = List.copyOf(ranked);
        }

        /** The causes, most likely first. */
        public List<Cause> causes() {
            return ranked.stream().map(RankedCause::cause).toList();
        }

        /** The same explanation for another input (e.g. the log line the code was found in). */
        Recognised withInput(String newInput, Kind newKind) {
            return new Recognised(newInput, newKind, code, name, summary, ranked);
        }
    }

    /**
     * The input was not recognised.
     *
     * @param input the input as given
     * @param why   what tpm2j tried
     */
    record NotRecognised(String input, String why) implements Explanation {
    }
}

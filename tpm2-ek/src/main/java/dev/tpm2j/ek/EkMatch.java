package dev.tpm2j.ek;

import dev.tpm2j.core.types.TpmtPublic;

/**
 * Whether an EK certificate's key is this TPM's EK: {@link Matches} (found as a persistent EK, or recreated from the
 * slot's template), {@link Differs} (the TPM's EK for that template is another key), or {@link NotChecked} (no
 * certificate, no template, or the TPM refused to recreate it).
 */
public sealed interface EkMatch {
    /** One sentence for reports. */
    String reason();

    /**
     * The certificate's key is the TPM's EK.
     *
     * @param ek               the EK public area the TPM reported
     * @param persistentHandle the persistent handle that holds it, or 0 when it was recreated with CreatePrimary
     * @param reason           how it was established
     */
    record Matches(TpmtPublic ek, int persistentHandle, String reason) implements EkMatch {
        /** Whether a persistent EK answered (no CreatePrimary was needed). */
        public boolean persistent() {
            return persistentHandle != 0;
        }
    }

    /**
     * The TPM's EK for the certificate's template is another key.
     *
     * @param ek     the EK the TPM created from the template
     * @param reason what differs and what it may mean
     */
    record Differs(TpmtPublic ek, String reason) implements EkMatch {
    }

    /** Not established, and why. */
    record NotChecked(String reason) implements EkMatch {
    }
}

package dev.tpm2j.ek;

/**
 * The TPM's EK is not one tpm2j can use for activation: its authPolicy is neither profile policy, its name
 * algorithm has no profile policy, or its slot has no template tpm2j creates (SM2). A fact about the device, not a
 * programming error; the CLI reports it as a finding.
 */
public final class UnsupportedEkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported, in one sentence */
    public UnsupportedEkException(String message) {
        super(message);
    }
}

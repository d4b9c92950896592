package dev.tpm2j.ca;

/** The attestation CA refused a request; the message says exactly why (chain, EK key, AK attributes, answer…). */
public final class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with the reason. */
    public AttestationException(String message) {
        super(message);
    }
}

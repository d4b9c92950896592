package dev.tpm2j.core.marshal;

/**
 * Root of every error tpm2j raises for a TPM conversation: malformed bytes, an error code from the TPM, a failed
 * session check or a broken transport. Unchecked, so callers handle it where they can act on it.
 */
public class TpmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TpmException(String message) {
        super(message);
    }

    public TpmException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tpm2j.core.marshal;

/**
 * A failed TPM conversation: malformed bytes of a TPM structure, an error code from the TPM, a failed session check
 * or a broken transport. The branch of {@link dev.tpm2j.core.Tpm2jException} for talking to a TPM; bad input from a
 * file or the network is the other branch, {@link dev.tpm2j.core.InvalidInputException}. A
 * {@link TpmFormatException} is here even when the bytes came from a file: they are the TPM's own structures (what
 * tpm2-tools saves from a TPM response), and callers that talk to a TPM handle both with one catch.
 */
public class TpmException extends dev.tpm2j.core.Tpm2jException {
    private static final long serialVersionUID = 1L;

    /**
     * A TPM conversation error.
     *
     * @param message one sentence saying what failed
     */
    public TpmException(String message) {
        super(message);
    }

    /**
     * A TPM conversation error found through {@code cause}.
     *
     * @param message one sentence saying what failed
     * @param cause the underlying exception (for example the transport's {@code IOException})
     */
    public TpmException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tpm2j.core;

/**
 * Untrusted input that breaks its format or a rule: bytes or text from a file, the network, a certificate or an event
 * log that do not parse, or that parse to something the library refuses. Not a TPM conversation (that is a
 * {@link dev.tpm2j.core.marshal.TpmException}) and not a mistake of the calling code (that stays an
 * {@link IllegalArgumentException}). Modules subclass it for their formats (for example the event log's
 * {@code EventLogFormatException}); the message says what was wrong and, where known, where in the input.
 */
public class InvalidInputException extends Tpm2jException {
    private static final long serialVersionUID = 1L;

    /**
     * Input refused for the reason {@code message} gives.
     *
     * @param message one sentence saying what is wrong with the input and where
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * Input refused for the reason {@code message} gives, found through {@code cause}.
     *
     * @param message one sentence saying what is wrong with the input and where
     * @param cause the exception that revealed the problem (for example a JCA key decoding error)
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

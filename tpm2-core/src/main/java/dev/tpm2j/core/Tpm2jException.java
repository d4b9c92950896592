package dev.tpm2j.core;

/**
 * Root of every error tpm2j raises about something outside the caller's code. Two kinds of thing go wrong, and each
 * has its branch:
 * <ul>
 *   <li>{@link dev.tpm2j.core.marshal.TpmException}: the conversation with a TPM failed (an error response code, a
 *       broken transport, a failed session check, a response that does not parse);</li>
 *   <li>{@link InvalidInputException}: bytes or text from outside (a file, the network, a certificate, an event log)
 *       break their format or a rule the library checks.</li>
 * </ul>
 * A mistake of the calling code (a {@code null}, a value outside a documented range) is not one of these: it stays an
 * {@link IllegalArgumentException} or {@link NullPointerException}. Unchecked, so a caller handles it where it can act
 * on it; the message is one sentence naming what was wrong and where, fit to show a user.
 *
 * <p>{@code TpmException} keeps its package ({@code dev.tpm2j.core.marshal}) so code written against it compiles
 * unchanged; this root lives in the core's top package, above both branches.
 */
public abstract class Tpm2jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message for the user.
     *
     * @param message one sentence saying what was wrong and where
     */
    protected Tpm2jException(String message) {
        super(message);
    }

    /**
     * An error with a message for the user and the exception that revealed it.
     *
     * @param message one sentence saying what was wrong and where
     * @param cause the underlying exception, or {@code null}
     */
    protected Tpm2jException(String message, Throwable cause) {
        super(message, cause);
    }
}

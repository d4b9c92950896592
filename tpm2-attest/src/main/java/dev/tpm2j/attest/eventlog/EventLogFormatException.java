package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.InvalidInputException;

/**
 * An event log that is not a well-formed TCG PC Client log: a length past the end of the bytes, a header that is not
 * a Spec ID event, a digest for a bank the header did not declare. Names the offset where the problem was found.
 * Untrusted input, not a TPM conversation: an {@link InvalidInputException}, not a {@code TpmException}.
 */
public final class EventLogFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /** A problem found at {@code offset} bytes from the start of the log. */
    public EventLogFormatException(int offset, String problem) {
        super("event log at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Offset from the start of the log where the problem was found. */
    public int offset() {
        return offset;
    }
}

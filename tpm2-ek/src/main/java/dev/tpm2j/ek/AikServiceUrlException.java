package dev.tpm2j.ek;

import dev.tpm2j.core.InvalidInputException;

/**
 * The AIK service address cannot be computed from what the device presented: the chain is not trusted, the EK
 * certificate lacks the key identifiers the address is built from, or the vendor id is not a valid host label.
 * A finding about untrusted input, not a programming error: an {@link InvalidInputException}.
 */
public final class AikServiceUrlException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence saying what is missing or malformed */
    public AikServiceUrlException(String message) {
        super(message);
    }
}

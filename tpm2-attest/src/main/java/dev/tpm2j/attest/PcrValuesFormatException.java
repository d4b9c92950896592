package dev.tpm2j.attest;

import dev.tpm2j.core.InvalidInputException;

/**
 * A PCR values file that is not what it claims to be: JSON that is not the {@code {"pcrs": {bank: {index: hex}}}}
 * document, a tpm2-tools PCR file whose counts, sizes or selection do not add up, raw values that do not fit the
 * selection. Names the format and the offset (characters for JSON, bytes otherwise) where the problem was found.
 * Untrusted input, not a TPM conversation: an {@link InvalidInputException}, not a {@code TpmException}.
 */
public final class PcrValuesFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final PcrValuesFile.Format format;
    private final int offset;

    /** A problem in a file of {@code format} found at {@code offset}. */
    public PcrValuesFormatException(PcrValuesFile.Format format, int offset, String problem) {
        super(format.description() + " at offset " + offset + ": " + problem);
        this.format = format;
        this.offset = offset;
    }

    /** The format the file was read as. */
    public PcrValuesFile.Format format() {
        return format;
    }

    /** Where the problem was found: characters from the start for JSON, bytes for the binary formats. */
    public int offset() {
        return offset;
    }
}

package dev.tpm2j.core.marshal;

/**
 * Bytes that do not form the TPM structure they claim to be: a short buffer, a size field over the bytes remaining or
 * over the structure's spec maximum, an unknown union selector, trailing garbage. Names the structure and the offset.
 */
public final class TpmFormatException extends TpmException {
    private static final long serialVersionUID = 1L;

    private final String structure;
    private final int offset;

    public TpmFormatException(String structure, int offset, String problem) {
        super(structure + " at offset " + offset + ": " + problem);
        this.structure = structure;
        this.offset = offset;
    }

    /** The TPM structure (or command response) being read when the problem was found, e.g. {@code TPM2B_DIGEST}. */
    public String structure() {
        return structure;
    }

    /** Offset, from the start of the buffer handed to the reader, where the problem was found. */
    public int offset() {
        return offset;
    }
}

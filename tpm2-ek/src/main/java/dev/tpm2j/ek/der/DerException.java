package dev.tpm2j.ek.der;

/** Bytes that are not the DER/BER the caller expected; says what and where. */
public final class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /** An exception for {@code problem} at {@code offset}. */
    public DerException(int offset, String problem) {
        super("at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** The offset in the input where the problem is. */
    public int offset() {
        return offset;
    }
}

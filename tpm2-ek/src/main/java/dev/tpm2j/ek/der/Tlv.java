package dev.tpm2j.ek.der;

/**
 * One tag-length-value element inside a buffer: where it starts, where its value starts and ends. Lengths are
 * definite (short or long form); {@link #minimalLength()} says whether the length used the shortest form.
 */
public record Tlv(byte[] buffer, int start, int tag, int valueStart, int end, boolean minimalLength) {
    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    public int valueLength() {
        return end - valueStart;
    }

    /** Total encoded length (tag, length and value). */
    public int length() {
        return end - start;
    }

    public boolean isConstructed() {
        return (tag & 0x20) != 0;
    }

    /** A copy of the whole encoding. */
    public byte[] encoded() {
        return java.util.Arrays.copyOfRange(buffer, start, end);
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return java.util.Arrays.copyOfRange(buffer, valueStart, end);
    }

    /** A reader over the children of this constructed element. */
    public DerReader children() {
        return new DerReader(buffer, valueStart, end);
    }
}

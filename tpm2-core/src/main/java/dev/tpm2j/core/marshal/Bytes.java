package dev.tpm2j.core.marshal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string used for the public byte fields of TPM structures (digests, public keys, names, policies),
 * so records holding them get value equality and readable {@code toString}. Not for secrets: those stay in
 * {@code byte[]} that the owner wipes.
 */
public final class Bytes implements Comparable<Bytes> {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}; later changes to the array do not show through. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code length} bytes of {@code data} starting at {@code offset}. */
    public static Bytes of(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Parses hexadecimal text (upper or lower case, no separators). */
    public static Bytes fromHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** {@code length} zero bytes. */
    public static Bytes zeros(int length) {
        return length == 0 ? EMPTY : new Bytes(new byte[length]);
    }

    static Bytes wrap(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    /** The number of bytes. */
    public int size() {
        return data.length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return data[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Lower-case hex. */
    public String toHex() {
        return HEX.formatHex(data);
    }

    /** These bytes followed by {@code other}. */
    public Bytes concat(Bytes other) {
        byte[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return wrap(out);
    }

    /** Bytes {@code [from, to)}. */
    public Bytes slice(int from, int to) {
        return wrap(Arrays.copyOfRange(data, from, to));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return data.length <= 64 ? toHex() : HEX.formatHex(data, 0, 32) + "…(" + data.length + " bytes)";
    }
}

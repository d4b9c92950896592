package dev.tpm2j.core.marshal;

import java.util.Arrays;

/**
 * The one big-endian writer for TPM bytes. Grows as needed; sized structures are written with a back-filled size.
 * {@link #wipe()} zeroes the buffer when it held secrets.
 */
public final class TpmWriter {
    private byte[] buf;
    private int len;

    public TpmWriter() {
        this(64);
    }

    public TpmWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
    }

    public int size() {
        return len;
    }

    public TpmWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public TpmWriter u16(int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("value does not fit in 16 bits: " + v);
        }
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TpmWriter u32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TpmWriter u64(long v) {
        u32((int) (v >>> 32));
        return u32((int) v);
    }

    public TpmWriter yesNo(boolean v) {
        return u8(v ? 1 : 0);
    }

    public TpmWriter raw(byte[] data) {
        return raw(data, 0, data.length);
    }

    public TpmWriter raw(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, buf, len, length);
        len += length;
        return this;
    }

    public TpmWriter raw(Bytes data) {
        ensure(data.size());
        data.copyTo(buf, len);
        len += data.size();
        return this;
    }

    /** A TPM2B: u16 size then the bytes. */
    public TpmWriter tpm2b(Bytes data) {
        u16(data.size());
        return raw(data);
    }

    /** A TPM2B from an array (for secrets the caller wipes). */
    public TpmWriter tpm2b(byte[] data) {
        u16(data.length);
        return raw(data);
    }

    /** Writes a u16 size, then whatever {@code body} writes, and back-fills the size. */
    public TpmWriter sized(java.util.function.Consumer<TpmWriter> body) {
        int at = len;
        u16(0);
        body.accept(this);
        int size = len - at - 2;
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("sized structure larger than 65535 bytes");
        }
        buf[at] = (byte) (size >>> 8);
        buf[at + 1] = (byte) size;
        return this;
    }

    /** Overwrites a u32 already written at {@code offset} (used for command and parameter sizes). */
    public void putU32At(int offset, int v) {
        buf[offset] = (byte) (v >>> 24);
        buf[offset + 1] = (byte) (v >>> 16);
        buf[offset + 2] = (byte) (v >>> 8);
        buf[offset + 3] = (byte) v;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public Bytes toBytes() {
        return Bytes.wrap(toByteArray());
    }

    /** Zeroes the internal buffer and resets the writer. */
    public void wipe() {
        Arrays.fill(buf, (byte) 0);
        len = 0;
    }
}

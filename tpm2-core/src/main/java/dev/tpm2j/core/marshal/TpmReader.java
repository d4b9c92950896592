package dev.tpm2j.core.marshal;

/**
 * The one bounds-checked, big-endian reader for TPM bytes. Every read checks the bytes remaining; every size and count
 * field is checked against the bytes remaining and against the caller's spec maximum before anything is allocated.
 * Any violation is a {@link TpmFormatException} naming the structure and the absolute offset.
 */
public final class TpmReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    private TpmReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /** A reader over all of {@code buf} (not copied; the caller must not change it while reading). */
    public static TpmReader of(byte[] buf) {
        return new TpmReader(buf, 0, buf.length);
    }

    /** A reader over {@code buf[offset, offset+length)}; offsets in errors stay relative to {@code buf}. */
    public static TpmReader of(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("range outside buffer");
        }
        return new TpmReader(buf, offset, offset + length);
    }

    /** Absolute offset of the next byte. */
    public int offset() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    private void need(int n, String structure) {
        if (n > end - pos) {
            throw new TpmFormatException(structure, pos, "needs " + n + " bytes, only " + (end - pos) + " remain");
        }
    }

    public int u8(String structure) {
        need(1, structure);
        return buf[pos++] & 0xFF;
    }

    public int u16(String structure) {
        need(2, structure);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit field returned in an {@code int} (use {@link Integer#toUnsignedLong} when it matters). */
    public int u32(String structure) {
        need(4, structure);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long u64(String structure) {
        long hi = Integer.toUnsignedLong(u32(structure));
        long lo = Integer.toUnsignedLong(u32(structure));
        return (hi << 32) | lo;
    }

    /** Reads a TPMI_YES_NO: 0 or 1, anything else is an error. */
    public boolean yesNo(String structure) {
        int at = pos;
        int v = u8(structure);
        if (v > 1) {
            throw new TpmFormatException(structure, at, "TPMI_YES_NO must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    /** Exactly {@code n} raw bytes. */
    public byte[] raw(int n, String structure) {
        if (n < 0) {
            throw new TpmFormatException(structure, pos, "negative length " + n);
        }
        need(n, structure);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public Bytes bytes(int n, String structure) {
        return Bytes.wrap(raw(n, structure));
    }

    /**
     * Reads a TPM2B: a u16 size checked against {@code max} (the structure's spec maximum) and the bytes remaining,
     * then that many bytes.
     */
    public Bytes tpm2b(String structure, int max) {
        return Bytes.wrap(tpm2bRaw(structure, max));
    }

    /** Like {@link #tpm2b} but into a fresh array the caller owns (for secrets that must be wiped). */
    public byte[] tpm2bRaw(String structure, int max) {
        int size = size16(structure, max);
        return raw(size, structure);
    }

    /** Reads a u16 size field and checks it against {@code max} and the bytes remaining. */
    public int size16(String structure, int max) {
        int at = pos;
        int size = u16(structure);
        if (size > max) {
            throw new TpmFormatException(structure, at, "size " + size + " exceeds the spec maximum " + max);
        }
        if (size > end - pos) {
            throw new TpmFormatException(structure, at, "size " + size + " exceeds the " + (end - pos)
                    + " bytes remaining");
        }
        return size;
    }

    /**
     * Reads a u16 size and returns a reader over exactly that many following bytes (a sized structure such as
     * TPM2B_PUBLIC); this reader moves past them.
     */
    public TpmReader sized(String structure, int max) {
        int size = size16(structure, max);
        TpmReader sub = new TpmReader(buf, pos, pos + size);
        pos += size;
        return sub;
    }

    /** Reads a u32 size (e.g. a response parameterSize) and returns a reader over that many following bytes. */
    public TpmReader sized32(String structure) {
        int at = pos;
        long size = Integer.toUnsignedLong(u32(structure));
        if (size > end - pos) {
            throw new TpmFormatException(structure, at, "size " + size + " exceeds the " + (end - pos)
                    + " bytes remaining");
        }
        TpmReader sub = new TpmReader(buf, pos, pos + (int) size);
        pos += (int) size;
        return sub;
    }

    /**
     * Reads a TPML count (u32) and checks it against the list's spec maximum and against the bytes remaining given
     * the smallest possible element size, so no list is ever sized by an unchecked count.
     */
    public int count(String structure, int max, int minElementSize) {
        int at = pos;
        long count = Integer.toUnsignedLong(u32(structure));
        if (count > max) {
            throw new TpmFormatException(structure, at, "count " + count + " exceeds the spec maximum " + max);
        }
        if (count * minElementSize > end - pos) {
            throw new TpmFormatException(structure, at, "count " + count + " needs at least "
                    + count * minElementSize + " bytes, only " + (end - pos) + " remain");
        }
        return (int) count;
    }

    /** A reader over the next {@code n} bytes; this reader moves past them. */
    public TpmReader slice(int n, String structure) {
        need(n, structure);
        TpmReader sub = new TpmReader(buf, pos, pos + n);
        pos += n;
        return sub;
    }

    /** Fails unless every byte has been consumed. */
    public void expectEnd(String structure) {
        if (pos != end) {
            throw new TpmFormatException(structure, pos, (end - pos) + " unexpected trailing bytes");
        }
    }

    /** A format error at the current offset (for checks made by structure readers). */
    public TpmFormatException error(String structure, String problem) {
        return new TpmFormatException(structure, pos, problem);
    }

    /** A format error at an earlier offset. */
    public TpmFormatException errorAt(int offset, String structure, String problem) {
        return new TpmFormatException(structure, offset, problem);
    }
}

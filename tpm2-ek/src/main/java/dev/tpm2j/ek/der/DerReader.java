package dev.tpm2j.ek.der;

/**
 * A bounds-checked reader of DER/BER TLVs: single-byte tags (all X.509 uses), definite lengths in short or long form
 * (at most 4 length bytes). Every length is checked against the bytes remaining before anything is sliced;
 * indefinite lengths and high tag numbers are reported, not guessed at.
 */
public final class DerReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    /** A reader over all of {@code buf}. */
    public DerReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** A reader over {@code buf[start, end)}. */
    public DerReader(byte[] buf, int start, int end) {
        if (start < 0 || end > buf.length || start > end) {
            throw new IllegalArgumentException("range outside buffer");
        }
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /** Whether bytes remain. */
    public boolean hasRemaining() {
        return pos < end;
    }

    /** The current offset in the buffer. */
    public int offset() {
        return pos;
    }

    /** How many bytes remain. */
    public int remaining() {
        return end - pos;
    }

    /** The tag of the next element without consuming it, or -1 at the end. */
    public int peekTag() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    /** Reads the next element. */
    public Tlv next() throws DerException {
        int start = pos;
        if (end - pos < 2) {
            throw new DerException(pos, "truncated element: " + (end - pos) + " byte(s) left");
        }
        int tag = buf[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new DerException(pos, "multi-byte tag numbers are not used in X.509");
        }
        int first = buf[pos + 1] & 0xFF;
        int p = pos + 2;
        long len;
        boolean minimal = true;
        if (first < 0x80) {
            len = first;
        } else if (first == 0x80) {
            throw new DerException(pos + 1, "indefinite length (BER) is not supported here");
        } else {
            int n = first & 0x7F;
            if (n > 4) {
                throw new DerException(pos + 1, n + " length bytes: a length this large cannot fit");
            }
            if (end - p < n) {
                throw new DerException(pos + 1, "truncated length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (buf[p + i] & 0xFF);
            }
            p += n;
            minimal = len >= 0x80 && (buf[pos + 2] & 0xFF) != 0;
        }
        if (len > end - p) {
            throw new DerException(start, "element of " + len + " bytes runs past the " + (end - p)
                    + " bytes available");
        }
        pos = p + (int) len;
        return new Tlv(buf, start, tag, p, pos, minimal);
    }

    /** Reads the next element and checks its tag. */
    public Tlv next(int expectedTag, String what) throws DerException {
        int at = pos;
        Tlv t = next();
        if (t.tag() != expectedTag) {
            throw new DerException(at, String.format("%s: expected tag 0x%02x, found 0x%02x", what, expectedTag,
                    t.tag()));
        }
        return t;
    }
}

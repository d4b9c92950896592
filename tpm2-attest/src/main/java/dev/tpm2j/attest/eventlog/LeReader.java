package dev.tpm2j.attest.eventlog;

/**
 * Bounded little-endian reader for event log structures (the log is written by UEFI, so it is little-endian, unlike
 * TPM structures). Every read checks the bytes remaining; every failure is an {@link EventLogFormatException}.
 */
final class LeReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    LeReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    int offset() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    private void need(long n, String what) {
        if (n < 0 || n > end - pos) {
            throw new EventLogFormatException(pos, what + " needs " + n + " bytes, only " + (end - pos)
                    + " remain");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = (buf[pos] & 0xFF) | ((buf[pos + 1] & 0xFF) << 8);
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit value as a long. */
    long u32(String what) {
        need(4, what);
        long v = (buf[pos] & 0xFFL) | ((buf[pos + 1] & 0xFFL) << 8) | ((buf[pos + 2] & 0xFFL) << 16)
                | ((buf[pos + 3] & 0xFFL) << 24);
        pos += 4;
        return v;
    }

    /** An unsigned 64-bit value; values above {@link Long#MAX_VALUE} come back negative (callers bound them). */
    long u64(String what) {
        long lo = u32(what);
        long hi = u32(what);
        return (hi << 32) | lo;
    }

    /** Exactly {@code n} bytes; {@code n} is checked against the bytes remaining before anything is allocated. */
    byte[] bytes(long n, String what) {
        need(n, what);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** A reader over the next {@code n} bytes (checked against the bytes remaining); this reader moves past them. */
    LeReader slice(long n, String what) {
        need(n, what);
        LeReader sub = new LeReader(buf, pos, pos + (int) n);
        pos += (int) n;
        return sub;
    }

    EventLogFormatException error(String problem) {
        return new EventLogFormatException(pos, problem);
    }

    EventLogFormatException errorAt(int at, String problem) {
        return new EventLogFormatException(at, problem);
    }
}

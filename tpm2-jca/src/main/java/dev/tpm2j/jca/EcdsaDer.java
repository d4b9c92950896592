package dev.tpm2j.jca;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** ECDSA (r, s) as the DER SEQUENCE of two INTEGERs the JDK's SHAxxxwithECDSA produces (X9.62 / RFC 3279). */
final class EcdsaDer {
    private EcdsaDer() {
    }

    /** DER of the unsigned big-endian {@code r} and {@code s}. */
    static byte[] encode(byte[] r, byte[] s) {
        byte[] ri = new BigInteger(1, r).toByteArray();
        byte[] si = new BigInteger(1, s).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        integer(body, ri);
        integer(body, si);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        length(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void integer(ByteArrayOutputStream out, byte[] minimal) {
        out.write(0x02);
        length(out, minimal.length);
        out.writeBytes(minimal);
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
    }
}

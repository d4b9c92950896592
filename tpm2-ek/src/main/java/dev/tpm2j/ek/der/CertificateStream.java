package dev.tpm2j.ek.der;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits concatenated certificates (the EK chain indices 0x01C00100–0x01C001FF read in ascending order and joined)
 * into DER SEQUENCEs. Stops cleanly at fill bytes (0x00 / 0xFF), and reports what it could not use — it never
 * throws for bad input and never drops a complete certificate that precedes the damage.
 */
public final class CertificateStream {
    private CertificateStream() {
    }

    /** The certificates found and what was left over. */
    public record Split(List<byte[]> certificates, int leftoverOffset, int leftoverLength, String leftoverKind) {
        /** Whether nothing but fill bytes was left over. */
        public boolean clean() {
            return leftoverLength == 0 || leftoverKind.startsWith("fill");
        }
    }

    /** Splits {@code bytes} as a stream of DER certificates. */
    public static Split split(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        DerReader r = new DerReader(bytes);
        while (r.hasRemaining()) {
            int at = r.offset();
            int tag = r.peekTag();
            if (tag == 0x00 || tag == 0xFF) {
                if (allEqual(bytes, at, (byte) tag)) {
                    return new Split(out, at, bytes.length - at, String.format("fill bytes 0x%02x", tag));
                }
            }
            if (tag != Tlv.SEQUENCE) {
                return new Split(out, at, bytes.length - at, String.format("unexpected byte 0x%02x", tag));
            }
            try {
                Tlv cert = r.next();
                if (!looksLikeCertificate(cert)) {
                    return new Split(out, at, bytes.length - at, "a SEQUENCE that is not a certificate");
                }
                out.add(cert.encoded());
            } catch (DerException e) {
                return new Split(out, at, bytes.length - at, "truncated or malformed certificate (" + e.getMessage()
                        + ")");
            }
        }
        return new Split(out, bytes.length, 0, "none");
    }

    /** A certificate is SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING signature } and nothing else. */
    static boolean looksLikeCertificate(Tlv t) {
        try {
            DerReader c = t.children();
            c.next(Tlv.SEQUENCE, "tbsCertificate");
            c.next(Tlv.SEQUENCE, "signatureAlgorithm");
            c.next(Tlv.BIT_STRING, "signatureValue");
            return !c.hasRemaining();
        } catch (DerException e) {
            return false;
        }
    }

    private static boolean allEqual(byte[] b, int from, byte v) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != v) {
                return false;
            }
        }
        return true;
    }
}

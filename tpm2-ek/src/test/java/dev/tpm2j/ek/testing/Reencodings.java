package dev.tpm2j.ek.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Distinct BER re-encodings of a certificate that keep its to-be-signed bytes, so a self-signed certificate's
 * signature still verifies on every copy: the lengths of the outer SEQUENCE, the signatureAlgorithm SEQUENCE, its
 * OBJECT IDENTIFIER and the signature BIT STRING are written in every form from minimal DER to four long-form bytes.
 */
public final class Reencodings {
    private Reencodings() {
    }

    /** Variant {@code n} (0 is the original encoding); distinct for n below a few hundred. */
    public static byte[] variant(byte[] der, int n) {
        int[] p = {0};
        int outerLen = header(der, p);
        int bodyStart = p[0];
        int tbsStart = bodyStart;
        int tbsLen = header(der, p);
        int tbsEnd = p[0] + tbsLen;
        p[0] = tbsEnd;
        int algLen = header(der, p);
        int algBody = p[0];
        int algEnd = algBody + algLen;
        int oidLen = header(der, p);
        int oidBody = p[0];
        int oidEnd = oidBody + oidLen;
        p[0] = algEnd;
        int bitsLen = header(der, p);
        int bitsBody = p[0];
        if (bitsBody + bitsLen != bodyStart + outerLen) {
            throw new IllegalArgumentException("not a plain certificate");
        }
        List<byte[]> outerForms = lengths(outerLen + 0);
        List<byte[]> algForms = lengths(algLen);
        List<byte[]> oidForms = lengths(oidLen);
        List<byte[]> bitsForms = lengths(bitsLen);
        int a = n % algForms.size();
        n /= algForms.size();
        int b = n % bitsForms.size();
        n /= bitsForms.size();
        int o = n % oidForms.size();
        n /= oidForms.size();
        int outer = n % outerForms.size();
        // inner re-encodings change the outer length
        ByteArrayOutputStream alg = new ByteArrayOutputStream();
        alg.write(0x06);
        alg.writeBytes(oidForms.get(o));
        alg.write(der, oidBody, oidLen);
        alg.write(der, oidEnd, algEnd - oidEnd);
        byte[] algContent = alg.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(der, tbsStart, tbsEnd - tbsStart);
        body.write(0x30);
        body.writeBytes(pick(lengths(algContent.length), o == 0 ? a : a));
        body.writeBytes(algContent);
        body.write(0x03);
        body.writeBytes(bitsForms.get(b));
        body.write(der, bitsBody, bitsLen);
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        List<byte[]> outers = lengths(content.length);
        out.writeBytes(outers.get(Math.min(outer, outers.size() - 1)));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] pick(List<byte[]> forms, int i) {
        return forms.get(Math.min(i, forms.size() - 1));
    }

    /** Reads a tag and length at p[0], leaves p[0] at the content, returns the length. */
    private static int header(byte[] d, int[] p) {
        int i = p[0] + 1;
        int first = d[i++] & 0xff;
        int len;
        if (first < 0x80) {
            len = first;
        } else {
            len = 0;
            for (int k = 0; k < (first & 0x7f); k++) {
                len = (len << 8) | (d[i++] & 0xff);
            }
        }
        p[0] = i;
        return len;
    }

    /** Every length encoding of {@code len}: minimal DER first, then long forms of 1..4 bytes. */
    private static List<byte[]> lengths(int len) {
        List<byte[]> forms = new ArrayList<>();
        int needed = len < 0x100 ? 1 : len < 0x10000 ? 2 : 3;
        if (len < 0x80) {
            forms.add(new byte[] {(byte) len});
        }
        for (int n = needed; n <= 4; n++) {
            byte[] f = new byte[n + 1];
            f[0] = (byte) (0x80 | n);
            for (int k = 0; k < n; k++) {
                f[n - k] = (byte) (len >>> (8 * k));
            }
            forms.add(f);
        }
        return forms;
    }
}

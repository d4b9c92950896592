package dev.tpm2j.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/** The TPM key derivation functions of Part 1 §11.4.10: KDFa (SP 800-108 counter mode, HMAC) and KDFe (SP 800-56A). */
public final class Kdf {
    private Kdf() {
    }

    /**
     * KDFa(hash, key, label, contextU, contextV, bits): for i = 1.. HMAC(key, i || label || 0x00 || contextU ||
     * contextV || bits), leftmost {@code bits} bits. The label is written with its terminating zero.
     */
    public static byte[] kdfa(int hashAlg, byte[] key, String label, byte[] contextU, byte[] contextV, int bits) {
        if (bits <= 0 || bits % 8 != 0) {
            throw new IllegalArgumentException("KDFa output must be a positive whole number of bytes: " + bits);
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        int bytes = bits / 8;
        byte[] out = new byte[bytes];
        Mac mac = TpmHash.hmac(hashAlg, key);
        int done = 0;
        for (int counter = 1; done < bytes; counter++) {
            mac.update(u32(counter));
            mac.update(labelBytes);
            mac.update((byte) 0);
            mac.update(contextU);
            mac.update(contextV);
            mac.update(u32(bits));
            byte[] block = mac.doFinal();
            int n = Math.min(block.length, bytes - done);
            System.arraycopy(block, 0, out, done, n);
            Arrays.fill(block, (byte) 0);
            done += n;
        }
        return out;
    }

    /**
     * KDFe(hash, Z, label, partyU, partyV, bits): for i = 1.. H(i || Z || label || 0x00 || partyU || partyV),
     * leftmost {@code bits} bits.
     */
    public static byte[] kdfe(int hashAlg, byte[] z, String label, byte[] partyU, byte[] partyV, int bits) {
        if (bits <= 0 || bits % 8 != 0) {
            throw new IllegalArgumentException("KDFe output must be a positive whole number of bytes: " + bits);
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        int bytes = bits / 8;
        byte[] out = new byte[bytes];
        MessageDigest md = TpmHash.digest(hashAlg);
        int done = 0;
        for (int counter = 1; done < bytes; counter++) {
            md.update(u32(counter));
            md.update(z);
            md.update(labelBytes);
            md.update((byte) 0);
            md.update(partyU);
            md.update(partyV);
            byte[] block = md.digest();
            int n = Math.min(block.length, bytes - done);
            System.arraycopy(block, 0, out, done, n);
            Arrays.fill(block, (byte) 0);
            done += n;
        }
        return out;
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}

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
        Mac mac = CryptoEngines.borrowMac(hashAlg, key);
        try {
            return kdfa(mac, label, contextU, contextV, bits);
        } finally {
            CryptoEngines.release(hashAlg, mac);
        }
    }

    /**
     * KDFa on an HMAC engine already keyed with the KDF key (MakeCredential derives two keys from one seed on one
     * engine). The engine is left keyed and reset; {@code bits} is a positive multiple of 8.
     */
    static byte[] kdfa(Mac mac, String label, byte[] contextU, byte[] contextV, int bits) {
        int bytes = bits / 8;
        int blockSize = mac.getMacLength();
        byte[] out = new byte[bytes];
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] counterAndBits = new byte[8];
        putU32(counterAndBits, 4, bits);
        byte[] block = null;
        try {
            int done = 0;
            for (int counter = 1; done < bytes; counter++) {
                putU32(counterAndBits, 0, counter);
                mac.update(counterAndBits, 0, 4);
                mac.update(labelBytes);
                mac.update((byte) 0);
                mac.update(contextU);
                mac.update(contextV);
                mac.update(counterAndBits, 4, 4);
                if (bytes - done >= blockSize) {
                    mac.doFinal(out, done);
                    done += blockSize;
                } else {
                    if (block == null) {
                        block = new byte[blockSize];
                    }
                    mac.doFinal(block, 0);
                    System.arraycopy(block, 0, out, done, bytes - done);
                    done = bytes;
                }
            }
            return out;
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("HMAC output buffer too short", e);
        } finally {
            if (block != null) {
                Arrays.fill(block, (byte) 0);
            }
        }
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

    private static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}

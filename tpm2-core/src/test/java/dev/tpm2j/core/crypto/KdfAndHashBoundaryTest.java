package dev.tpm2j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.core.types.TpmAlgId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * KDFa and KDFe against a reference written here from TPM 2.0 Part 1 §11.4.10 (counter-mode KDF with HMAC) and
 * NIST SP 800-56A §5.8.1 (as Part 1 §11.4.10.3 uses it), over output lengths that end inside, exactly at and one
 * byte past a digest block; and the hash helpers' edges (found by mutation testing).
 */
class KdfAndHashBoundaryTest {
    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] referenceKdfa(String jca, byte[] key, String label, byte[] u, byte[] v, int bits) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; out.size() < bits / 8; i++) {
            Mac mac = Mac.getInstance("Hmac" + jca.replace("-", ""));
            mac.init(new SecretKeySpec(key, "HMAC"));
            mac.update(u32(i));
            mac.update((label + "\0").getBytes(StandardCharsets.US_ASCII));
            mac.update(u);
            mac.update(v);
            mac.update(u32(bits));
            out.writeBytes(mac.doFinal());
        }
        return java.util.Arrays.copyOf(out.toByteArray(), bits / 8);
    }

    static byte[] referenceKdfe(String jca, byte[] z, String label, byte[] u, byte[] v, int bits) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; out.size() < bits / 8; i++) {
            MessageDigest md = MessageDigest.getInstance(jca);
            md.update(u32(i));
            md.update(z);
            md.update((label + "\0").getBytes(StandardCharsets.US_ASCII));
            md.update(u);
            md.update(v);
            out.writeBytes(md.digest());
        }
        return java.util.Arrays.copyOf(out.toByteArray(), bits / 8);
    }

    @Test
    void kdfaAndKdfeMatchTheReferenceAcrossBlockBoundaries() throws Exception {
        byte[] key = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
        byte[] u = {1, 2, 3};
        byte[] v = {4, 5};
        int[][] algs = {{TpmAlgId.SHA1, 20}, {TpmAlgId.SHA256, 32}, {TpmAlgId.SHA384, 48}};
        for (int[] a : algs) {
            String jca = TpmHash.jcaName(a[0]);
            for (int bytes : new int[] {1, a[1] - 1, a[1], a[1] + 1, 2 * a[1] + 3}) {
                int bits = 8 * bytes;
                assertArrayEquals(referenceKdfa(jca, key, "STORAGE", u, v, bits),
                        Kdf.kdfa(a[0], key, "STORAGE", u, v, bits), jca + " KDFa " + bits);
                assertArrayEquals(referenceKdfe(jca, key, "IDENTITY", u, v, bits),
                        Kdf.kdfe(a[0], key, "IDENTITY", u, v, bits), jca + " KDFe " + bits);
            }
        }
    }

    /** The counter and the bit count are u32: outputs past 2^16 and 2^24 bits use their upper bytes. */
    @Test
    void longOutputsEncodeTheFullU32BitCount() throws Exception {
        byte[] key = {1, 2, 3};
        for (int bits : new int[] {8 * 8193, (1 << 24) + 8}) {
            assertArrayEquals(referenceKdfa("SHA-512", key, "L", new byte[0], new byte[0], bits),
                    Kdf.kdfa(TpmAlgId.SHA512, key, "L", new byte[0], new byte[0], bits), "KDFa " + bits);
        }
        int bits = 8 * 64 * 257; // 257 blocks: the counter's second byte
        assertArrayEquals(referenceKdfe("SHA-512", key, "L", new byte[0], new byte[0], bits),
                Kdf.kdfe(TpmAlgId.SHA512, key, "L", new byte[0], new byte[0], bits));
    }

    @Test
    void kdfOutputMustBeWholePositiveBytes() {
        for (int bits : new int[] {0, -8, 12, 1}) {
            assertThrows(IllegalArgumentException.class, () -> Kdf.kdfa(TpmAlgId.SHA256, new byte[1], "X",
                    new byte[0], new byte[0], bits));
            assertThrows(IllegalArgumentException.class, () -> Kdf.kdfe(TpmAlgId.SHA256, new byte[1], "X",
                    new byte[0], new byte[0], bits));
        }
        assertEquals(1, Kdf.kdfa(TpmAlgId.SHA256, new byte[1], "X", new byte[0], new byte[0], 8).length);
    }

    @Test
    void hashHelpers() throws Exception {
        assertEquals("SHA-1", TpmHash.jcaName(TpmAlgId.SHA1));
        assertEquals("SHA-512", TpmHash.jcaName(TpmAlgId.SHA512));
        assertThrows(IllegalArgumentException.class, () -> TpmHash.jcaName(TpmAlgId.NULL));
        assertEquals(20, TpmHash.digestSize(TpmAlgId.SHA1));
        assertEquals(48, TpmHash.digestSize(TpmAlgId.SHA384));
        assertEquals(64, TpmHash.digestSize(TpmAlgId.SHA512));
        assertThrows(IllegalArgumentException.class, () -> TpmHash.digestSize(TpmAlgId.AES));
        assertThrows(IllegalArgumentException.class, () -> TpmHash.digestSize(TpmAlgId.NULL));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("abcdef".getBytes(StandardCharsets.US_ASCII)),
                TpmHash.hash(TpmAlgId.SHA256, "ab".getBytes(StandardCharsets.US_ASCII),
                        "cdef".getBytes(StandardCharsets.US_ASCII)));
        // RFC 2104 HMAC-SHA256 with an empty key over an empty message (a well-known value)
        assertEquals("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
                HexFormat.of().formatHex(TpmHash.hmac(TpmAlgId.SHA256, new byte[0], new byte[0])));
        assertArrayEquals(TpmHash.hmac(TpmAlgId.SHA256, new byte[] {7}, new byte[] {1, 2, 3}),
                TpmHash.hmac(TpmAlgId.SHA256, new byte[] {7}, new byte[] {1}, new byte[] {2, 3}));
    }
}

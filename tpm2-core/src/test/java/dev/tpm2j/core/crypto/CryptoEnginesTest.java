package dev.tpm2j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The per-thread engines give the same bytes as fresh JCA engines however uses interleave (hashes, keys, modes,
 * nesting), and keep no caller key once handed back.
 */
class CryptoEnginesTest {
    private static final int[] HASHES = {TpmAlgId.SHA1, TpmAlgId.SHA256, TpmAlgId.SHA384, TpmAlgId.SHA512};

    private static byte[] freshHmac(int hashAlg, byte[] key, byte[]... parts) throws Exception {
        String name = "Hmac" + TpmHash.jcaName(hashAlg).replace("-", "");
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, name));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    private static byte[] freshCfb(int mode, byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(data);
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** KDFa from its definition (Part 1 §11.4.10.2) with a new JCA Mac per block. */
    private static byte[] kdfaByDefinition(int hashAlg, byte[] key, String label, byte[] u, byte[] v, int bits)
            throws Exception {
        byte[] out = new byte[bits / 8];
        byte[] l = (label + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] b = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        int done = 0;
        for (int i = 1; done < out.length; i++) {
            byte[] block = freshHmac(hashAlg, key, new byte[] {0, 0, 0, (byte) i}, l, u, v, b);
            int n = Math.min(block.length, out.length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    @Test
    void interleavedKdfaAndAesMatchFreshEngines() throws Exception {
        SplittableRandom r = new SplittableRandom(0x15);
        for (int round = 0; round < 300; round++) {
            int hash = HASHES[r.nextInt(HASHES.length)];
            byte[] key = bytes(r, r.nextInt(0, 130));
            byte[] u = bytes(r, r.nextInt(0, 70));
            byte[] v = bytes(r, r.nextInt(0, 20));
            int bits = 8 * r.nextInt(1, 200);
            assertArrayEquals(kdfaByDefinition(hash, key, "STORAGE", u, v, bits),
                    Kdf.kdfa(hash, key, "STORAGE", u, v, bits), "KDFa round " + round);
            byte[] aesKey = bytes(r, 16 + 8 * r.nextInt(3));
            byte[] iv = bytes(r, 16);
            byte[] data = bytes(r, r.nextInt(0, 100));
            int mode = r.nextBoolean() ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            assertArrayEquals(freshCfb(mode, aesKey, iv, data), CryptoEngines.aesCfb(mode, aesKey, iv, data),
                    "AES-CFB round " + round);
        }
    }

    @Test
    void reusedRsaOaepEngineEncryptsToEachKeyWithItsOwnLabel() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair[] keys = {g.generateKeyPair(), g.generateKeyPair()};
        String[] labels = {"IDENTITY", "SECRET"};
        int[] hashes = {TpmAlgId.SHA256, TpmAlgId.SHA1, TpmAlgId.SHA384};
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 12; round++) {
            java.security.KeyPair kp = keys[round % 2];
            String label = labels[(round / 2) % 2];
            int hash = hashes[round % 3];
            byte[] seed = bytes(r, 32);
            byte[] enc = SeedEncryption.rsaOaep(kp.getPublic(), hash, label, seed);
            // Decrypted by a fresh JCA cipher with the OAEP parameters written out independently.
            String h = TpmHash.jcaName(hash);
            Cipher d = Cipher.getInstance("RSA/ECB/OAEPPadding");
            d.init(Cipher.DECRYPT_MODE, kp.getPrivate(), new javax.crypto.spec.OAEPParameterSpec(h, "MGF1",
                    new java.security.spec.MGF1ParameterSpec(h),
                    new javax.crypto.spec.PSource.PSpecified((label + "\0").getBytes(StandardCharsets.US_ASCII))));
            assertArrayEquals(seed, d.doFinal(enc), "round " + round);
        }
    }

    @Test
    void nestedBorrowsGetTheirOwnEngine() throws Exception {
        byte[] outerKey = "outer".getBytes(StandardCharsets.US_ASCII);
        Mac outer = CryptoEngines.borrowMac(TpmAlgId.SHA256, outerKey);
        outer.update((byte) 1);
        // A KDFa on the same thread while the outer engine is borrowed must neither disturb it nor share it.
        byte[] inner = Kdf.kdfa(TpmAlgId.SHA256, "inner".getBytes(StandardCharsets.US_ASCII), "X", new byte[3],
                new byte[0], 256);
        assertArrayEquals(kdfaByDefinition(TpmAlgId.SHA256, "inner".getBytes(StandardCharsets.US_ASCII), "X",
                new byte[3], new byte[0], 256), inner);
        assertNotSame(outer, CryptoEngines.keptMac(TpmAlgId.SHA256));
        assertArrayEquals(freshHmac(TpmAlgId.SHA256, outerKey, new byte[] {1}), outer.doFinal());
        CryptoEngines.release(TpmAlgId.SHA256, outer);
    }

    @Test
    void keptEnginesHoldOnlyTheZeroKey() throws Exception {
        byte[] secretKey = bytes(new SplittableRandom(7), 32);
        byte[] message = "after the call".getBytes(StandardCharsets.US_ASCII);
        for (int hash : HASHES) {
            Kdf.kdfa(hash, secretKey, "INTEGRITY", new byte[0], new byte[0], 256);
            Mac kept = CryptoEngines.keptMac(hash);
            assertNotNull(kept);
            // The kept engine computes HMAC under the 16-byte zero key, not under the caller's key.
            assertArrayEquals(freshHmac(hash, new byte[16], message), kept.doFinal(message));
        }
        CryptoEngines.aesCfb(Cipher.ENCRYPT_MODE, secretKey, new byte[16], message);
        Cipher kept = CryptoEngines.keptAesCfb();
        assertNotNull(kept);
        // Re-initialised under the zero key and zero IV: its output is the zero-key keystream.
        assertArrayEquals(freshCfb(Cipher.ENCRYPT_MODE, new byte[16], new byte[16], message), kept.doFinal(message));
    }
}

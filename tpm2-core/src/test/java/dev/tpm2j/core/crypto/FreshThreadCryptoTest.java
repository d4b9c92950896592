package dev.tpm2j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import java.security.spec.MGF1ParameterSpec;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The first MakeCredential and seed on a thread that never used tpm2j crypto (a server's new worker thread): the
 * per-thread engines are created there, the results are right (the seed opens with the EK's private key), and once
 * the call returns the thread keeps its engines under the zero key only.
 */
class FreshThreadCryptoTest {

    static <T> T onANewThread(java.util.concurrent.Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("failed on a fresh thread", failure.get());
        }
        return result.get();
    }

    @Test
    void aSeedMadeOnAFreshThreadOpensWithThePrivateKey() throws Exception {
        SeedEncryption.Seed seed = onANewThread(() -> SeedEncryption.create(CryptoRefusalsTest.EK, "IDENTITY"));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, CryptoRefusalsTest.RSA.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))));
        assertArrayEquals(seed.seed(), rsa.doFinal(seed.encryptedSecret().toByteArray()));
        assertEquals("Seed[(32 secret bytes), encryptedSecret=256 bytes]", seed.toString());
        assertTrue(!seed.toString().contains(HexFormat.of().formatHex(seed.seed())), "no seed bytes in toString");
    }

    @Test
    void makeCredentialOnAFreshThreadLeavesOnlyZeroKeyedEngines() throws Exception {
        byte[] message = "after the call".getBytes(StandardCharsets.US_ASCII);
        byte[][] kept = onANewThread(() -> {
            CredentialProtection.Credential c = CredentialProtection.make(CryptoRefusalsTest.EK, Bytes.zeros(34),
                    new byte[16]);
            assertEquals(2 + 32 + 2 + 16, c.credentialBlob().credential().size(), "integrity HMAC and encIdentity");
            Mac mac = CryptoEngines.keptMac(TpmAlgId.SHA256);
            assertNotNull(mac, "the HMAC engine was handed back");
            Cipher aes = CryptoEngines.keptAesCfb();
            assertNotNull(aes, "the AES engine was handed back");
            return new byte[][] {mac.doFinal(message), aes.doFinal(message)};
        });
        Mac zeroKey = Mac.getInstance("HmacSHA256");
        zeroKey.init(new SecretKeySpec(new byte[16], "HmacSHA256"));
        assertArrayEquals(zeroKey.doFinal(message), kept[0], "the kept HMAC engine holds the zero key");
        Cipher zeroAes = Cipher.getInstance("AES/CFB/NoPadding");
        zeroAes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"), new IvParameterSpec(new byte[16]));
        assertArrayEquals(zeroAes.doFinal(message), kept[1], "the kept AES engine holds the zero key");
    }
}

package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TPM2_RSA_Decrypt recovers what OpenSSL encrypted (OAEP, PKCS#1 v1.5); TPM2_ECDH_ZGen agrees with a JDK peer. */
@ExtendWith(SwtpmExtension.class)
class DecryptAndAgreeTest {
    private static Tpm2jProvider provider;

    @BeforeAll
    static void start(Swtpm sim) {
        provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
    }

    @AfterAll
    static void stop() {
        provider.disconnect();
    }

    @Test
    void rsaDecryptsWhatOpensslEncrypted(@TempDir Path dir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA", provider);
        kpg.initialize(new TpmKeyGenParameterSpec(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4),
                TpmKeyGenParameterSpec.Purpose.DECRYPT, null));
        KeyPair kp = kpg.generateKeyPair();
        Path pub = Tools.pem(dir, "pub.pem", kp.getPublic());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path in = Files.write(dir.resolve("secret.bin"), secret);

        for (String md : new String[] {"sha1", "sha256"}) {
            Path out = dir.resolve("oaep-" + md + ".bin");
            Tools.assertOk(Tools.openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-in",
                    in.toString(), "-out", out.toString(), "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt",
                    "rsa_oaep_md:" + md));
            Cipher c = Cipher.getInstance(md.equals("sha1") ? "RSA/ECB/OAEPWithSHA-1AndMGF1Padding"
                    : "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
            c.init(Cipher.DECRYPT_MODE, kp.getPrivate());
            assertArrayEquals(secret, c.doFinal(Files.readAllBytes(out)), "OAEP " + md);
        }
        Path pkcs1 = dir.resolve("pkcs1.bin");
        Tools.assertOk(Tools.openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-in",
                in.toString(), "-out", pkcs1.toString(), "-pkeyopt", "rsa_padding_mode:pkcs1"));
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
        c.init(Cipher.DECRYPT_MODE, kp.getPrivate());
        assertArrayEquals(secret, c.doFinal(Files.readAllBytes(pkcs1)));

        // JDK encryption with explicit OAEP parameters (MGF1 with the same digest) round-trips too.
        OAEPParameterSpec spec = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT);
        Cipher enc = Cipher.getInstance("RSA/ECB/OAEPPadding");
        enc.init(Cipher.ENCRYPT_MODE, kp.getPublic(), spec);
        byte[] ct = enc.doFinal(secret);
        Cipher dec = Cipher.getInstance("RSA/ECB/OAEPPadding", provider);
        dec.init(Cipher.DECRYPT_MODE, kp.getPrivate(), spec);
        assertArrayEquals(secret, dec.doFinal(ct));
        // Not tested: a corrupted ciphertext. libtpms (swtpm) enters failure mode on a bad OAEP decoding
        // (TPM_RC_FAILURE on every later command), so the test would break the simulator, not check the provider.
        assertThrows(InvalidKeyException.class, () -> Cipher.getInstance("RSA/ECB/PKCS1Padding", provider)
                .init(Cipher.ENCRYPT_MODE, kp.getPrivate()));
    }

    @Test
    void ecdhAgreesWithASoftwarePeer() throws Exception {
        for (String curve : new String[] {"secp256r1", "secp384r1"}) {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", provider);
            kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec(curve),
                    TpmKeyGenParameterSpec.Purpose.DECRYPT, null));
            KeyPair tpmPair = kpg.generateKeyPair();
            KeyPairGenerator soft = KeyPairGenerator.getInstance("EC");
            soft.initialize(new ECGenParameterSpec(curve));
            KeyPair peer = soft.generateKeyPair();

            KeyAgreement mine = KeyAgreement.getInstance("ECDH", provider);
            mine.init(tpmPair.getPrivate());
            mine.doPhase(peer.getPublic(), true);
            byte[] z = mine.generateSecret();

            KeyAgreement theirs = KeyAgreement.getInstance("ECDH");
            theirs.init(peer.getPrivate());
            theirs.doPhase(tpmPair.getPublic(), true);
            byte[] expected = theirs.generateSecret();
            assertEquals(curve.equals("secp256r1") ? 32 : 48, z.length);
            assertArrayEquals(expected, z, curve);
        }
    }

    @Test
    void aSigningKeyCannotDecryptOrAgree() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC", provider).generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> KeyAgreement.getInstance("ECDH", provider)
                .init(ec.getPrivate()));
    }
}

package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.Kdf;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmsRsaParms;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;

/**
 * Software MakeCredential checked by an independent software ActivateCredential (RSA EKs whose private key the test
 * holds), for the templates swtpm cannot make (H-7 RSA 4096) as well as the common ones; and the credential file.
 */
class CredentialProtectionTest {

    /** ActivateCredential in software, written from Part 1 §24 independently of CredentialProtection. */
    static byte[] activate(KeyPair ek, TpmtPublic ekPublic, Bytes akName, CredentialProtection.Credential c)
            throws Exception {
        int alg = ekPublic.nameAlg();
        String hash = TpmHash.jcaName(alg);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, ek.getPrivate(), new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))));
        byte[] seed = rsa.doFinal(c.secret().secret().toByteArray());
        TpmReader r = TpmReader.of(c.credentialBlob().credential().toByteArray());
        byte[] integrity = r.tpm2bRaw("integrityHMAC", 64);
        byte[] encIdentity = r.raw(r.remaining(), "encIdentity");
        byte[] hmacKey = Kdf.kdfa(alg, seed, "INTEGRITY", new byte[0], new byte[0], 8 * TpmHash.digestSize(alg));
        if (!MessageDigest.isEqual(integrity, TpmHash.hmac(alg, hmacKey, encIdentity, akName.toByteArray()))) {
            throw new SecurityException("integrity");
        }
        int bits = ((TpmsRsaParms) ekPublic.parameters()).symmetric().keyBits();
        byte[] symKey = Kdf.kdfa(alg, seed, "STORAGE", akName.toByteArray(), new byte[0], bits);
        byte[] plain = CredentialProtection.aesCfb(Cipher.DECRYPT_MODE, symKey, new byte[16], encIdentity);
        int n = ((plain[0] & 0xFF) << 8) | (plain[1] & 0xFF);
        return Arrays.copyOfRange(plain, 2, 2 + n);
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    @Test
    void rsa4096AndRsa3072HighRangeTemplates() throws Exception {
        for (TpmtPublic t : new TpmtPublic[] {EkTemplates.H7_RSA4096, EkTemplates.H6_RSA3072, EkTemplates.L1_RSA2048}) {
            int bits = ((TpmsRsaParms) t.parameters()).keyBits();
            KeyPair kp = rsa(bits);
            TpmtPublic ek = PublicKeys.withKey(t, kp.getPublic());
            Bytes akName = Bytes.fromHex("000b" + "ab".repeat(32));
            byte[] secret = new byte[TpmHash.digestSize(ek.nameAlg())];
            Arrays.fill(secret, (byte) 7);
            CredentialProtection.Credential c = CredentialProtection.make(ek, akName, secret);
            assertEquals(bits / 8, c.secret().secret().size());
            assertArrayEquals(secret, activate(kp, ek, akName, c));
            assertThrows(SecurityException.class, () -> activate(kp, ek, Bytes.fromHex("000b" + "cd".repeat(32)), c));
        }
    }

    static final KeyPair KEYS;

    static {
        try {
            KEYS = rsa(2048);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void secretsOutsideOneDigestAreRefused() {
        TpmtPublic ek = PublicKeys.withKey(EkTemplates.L1_RSA2048, KEYS.getPublic());
        assertThrows(IllegalArgumentException.class, () -> CredentialProtection.make(ek, Bytes.zeros(34), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CredentialProtection.make(ek, Bytes.zeros(34),
                new byte[33]));
    }
}

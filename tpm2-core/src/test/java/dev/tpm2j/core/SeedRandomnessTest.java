package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.SeedEncryption;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmsRsaParms;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;

/**
 * Seeds that protect a credential or salt a session are random: decrypted with the RSA private key, two seeds for
 * the same key differ and neither is all zeros (with a fixed seed a MakeCredential blob would open without the EK).
 * And the trace: data-carrying commands by size unless asked, secrets without length.
 */
class SeedRandomnessTest {
    static final KeyPair KEYS;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KEYS = g.generateKeyPair();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Bytes decryptSeed(Bytes encrypted, int hashAlg, String label) throws Exception {
        String hash = TpmHash.jcaName(hashAlg);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, KEYS.getPrivate(), new OAEPParameterSpec(hash, "MGF1",
                new MGF1ParameterSpec(hash), new PSource.PSpecified((label + "\0").getBytes(StandardCharsets.US_ASCII))));
        return Bytes.of(rsa.doFinal(encrypted.toByteArray()));
    }

    static void assertRandom(Bytes a, Bytes b, int size) {
        assertEquals(size, a.size());
        assertNotEquals(Bytes.zeros(size), a, "not all zeros");
        assertNotEquals(Bytes.zeros(size), b, "not all zeros");
        assertNotEquals(a, b, "a fresh seed each time");
    }

    @Test
    void makeCredentialSeedsAreRandom() throws Exception {
        TpmtPublic ek = PublicKeys.withKey(EkTemplates.L1_RSA2048, KEYS.getPublic());
        Bytes akName = Bytes.fromHex("000b" + "ab".repeat(32));
        byte[] secret = new byte[16];
        Bytes a = decryptSeed(CredentialProtection.make(ek, akName, secret).secret().secret(), TpmAlgId.SHA256,
                "IDENTITY");
        Bytes b = decryptSeed(CredentialProtection.make(ek, akName, secret).secret().secret(), TpmAlgId.SHA256,
                "IDENTITY");
        assertRandom(a, b, 32);
        SeedEncryption.Seed s1 = SeedEncryption.create(ek, "SECRET");
        SeedEncryption.Seed s2 = SeedEncryption.create(ek, "SECRET");
        assertRandom(Bytes.of(s1.seed()), Bytes.of(s2.seed()), 32);
        assertEquals(Bytes.of(s1.seed()), decryptSeed(s1.encryptedSecret(), TpmAlgId.SHA256, "SECRET"));
    }

    @Test
    void sessionSaltsAreRandomAlsoWithAnOaepSchemeHash() throws Exception {
        TpmtPublic plain = PublicKeys.withKey(EkTemplates.L1_RSA2048, KEYS.getPublic());
        assertRandom(decryptSeed(SessionFactory.salt(plain).encryptedSecret(), TpmAlgId.SHA256, "SECRET"),
                decryptSeed(SessionFactory.salt(plain).encryptedSecret(), TpmAlgId.SHA256, "SECRET"), 32);
        TpmsRsaParms p = (TpmsRsaParms) plain.parameters();
        TpmtPublic oaep384 = new TpmtPublic(plain.type(), plain.nameAlg(), plain.objectAttributes(),
                plain.authPolicy(), new TpmsRsaParms(p.symmetric(), new TpmtRsaScheme(TpmAlgId.OAEP,
                TpmAlgId.SHA384), p.keyBits(), p.exponent()), plain.unique());
        assertRandom(decryptSeed(SessionFactory.salt(oaep384).encryptedSecret(), TpmAlgId.SHA384, "SECRET"),
                decryptSeed(SessionFactory.salt(oaep384).encryptedSecret(), TpmAlgId.SHA384, "SECRET"), 48);
    }

    @Test
    void traceShowsDataOnlyWhenAskedAndSecretsNever() {
        byte[] data = "NV-DATA".getBytes(StandardCharsets.US_ASCII);
        NvWrite write = new NvWrite(0x01500000, 0x01500000, data, 0);
        // header, two handles, authorization area (one password session, 4-byte password), parameters
        String auth = "40000009" + "0000" + "01" + "0004" + "73656372";
        String params = "0007" + HexFormat.of().formatHex(data) + "0000";
        byte[] wire = HexFormat.of().parseHex("8002" + "00000000" + "00000137" + "01500000" + "01500000"
                + String.format("%08x", auth.length() / 2) + auth + params);
        String redacted = CommandTrace.formatCommand(write, wire, 2, true);
        assertFalse(redacted.contains(HexFormat.of().formatHex(data)), redacted);
        assertTrue(redacted.contains("<data, " + params.length() / 2 + "B"), redacted);
        assertTrue(redacted.contains("hmac <redacted>") && !redacted.contains("73656372"), redacted);
        String shown = CommandTrace.formatCommand(write, wire, 2, true, true);
        assertTrue(shown.contains(HexFormat.of().formatHex(data)), shown);
        assertTrue(shown.contains("hmac <redacted>") && !shown.contains("73656372"), "secrets stay hidden: " + shown);
        byte[] response = HexFormat.of().parseHex("8002" + "00000000" + "00000000" + "00000009" + "0007"
                + HexFormat.of().formatHex(data) + "0000" + "01" + "0000");
        NvRead read = new NvRead(0x01500000, 0x01500000, 7, 0);
        assertFalse(CommandTrace.formatResponse(read, response, 0).contains(HexFormat.of().formatHex(data)));
        assertTrue(CommandTrace.formatResponse(read, response, 0, true).contains(HexFormat.of().formatHex(data)));
    }
}

package dev.tpm2j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.Tpm2bDigest;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsKeyedHashParms;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtKeyedHashScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the software crypto refuses, and where its limits sit exactly: names of handles that have computed names,
 * PolicyOR's 2 to 8 branches of the policy's digest size, MakeCredential's secret size and EK shape, seeds to keys
 * that cannot take one, and the tpm2-tools credential file's magic, version and end.
 */
class CryptoRefusalsTest {
    static final TpmtPublic KEYED_HASH = new TpmtPublic(TpmAlgId.KEYEDHASH, TpmAlgId.SHA256,
            new TpmaObject(0), Bytes.EMPTY, new TpmsKeyedHashParms(TpmtKeyedHashScheme.NULL), Tpm2bDigest.EMPTY);

    static final KeyPair RSA = pair("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
    static final TpmtPublic EK = PublicKeys.withKey(EkTemplates.L1_RSA2048, RSA.getPublic());

    static KeyPair pair(String alg, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(spec);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyHandlesWithoutAPublicAreaHaveTheHandleAsName() {
        assertEquals("40000001", Names.handle(0x40000001).toHex(), "owner hierarchy");
        assertEquals("00000007", Names.handle(7).toHex(), "PCR 7");
        assertEquals("02000000", Names.handle(0x02000000).toHex(), "HMAC session");
        assertEquals("03000001", Names.handle(0x03000001).toHex(), "policy session");
        for (int h : new int[] {0x01C00002, 0x80000001, 0x81010001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Names.handle(h));
            assertEquals(String.format("0x%08x has a computed name; use object() or nv() with its public area", h),
                    e.getMessage());
        }
    }

    @Test
    void policyOrTakesTwoToEightBranchesOfTheDigestSize() {
        PolicyDigest start = PolicyDigest.start(TpmAlgId.SHA256);
        Bytes branch = Bytes.zeros(32);
        for (int n : new int[] {0, 1, 9}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> start.policyOr(Collections.nCopies(n, branch)), n + " branches");
            assertEquals("PolicyOR takes 2 to 8 branches", e.getMessage());
        }
        assertEquals(32, start.policyOr(Collections.nCopies(2, branch)).digest().size());
        assertEquals(32, start.policyOr(Collections.nCopies(8, branch)).digest().size());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> start.policyOr(List.of(branch, Bytes.zeros(48))));
        assertEquals("branch digest size does not match the policy hash", size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> start.policyOr(List.of(branch, Bytes.zeros(31))));
    }

    @Test
    void makeCredentialTakesOneToOneDigestOfSecretAndAnAesCfbEk() {
        TpmtPublic ek = EK;
        CredentialProtection.make(ek, Bytes.zeros(34), new byte[1]);
        CredentialProtection.make(ek, Bytes.zeros(34), new byte[32]);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> CredentialProtection.make(ek, Bytes.zeros(34), new byte[33]));
        assertEquals("the secret must be 1..32 bytes for a TPM_ALG_SHA256 EK", big.getMessage());
        TpmsRsaParms p = (TpmsRsaParms) ek.parameters();
        TpmtPublic cbc = new TpmtPublic(ek.type(), ek.nameAlg(), ek.objectAttributes(), ek.authPolicy(),
                new TpmsRsaParms(new TpmtSymDef(TpmAlgId.AES, 128, TpmAlgId.CBC), p.scheme(), p.keyBits(),
                        p.exponent()), ek.unique());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> CredentialProtection.make(cbc, Bytes.zeros(34), new byte[16]));
        assertEquals("the EK's symmetric definition must be AES-CFB, not "
                + new TpmtSymDef(TpmAlgId.AES, 128, TpmAlgId.CBC), mode.getMessage());
        TpmtPublic noSym = new TpmtPublic(ek.type(), ek.nameAlg(), ek.objectAttributes(), ek.authPolicy(),
                new TpmsRsaParms(TpmtSymDef.NULL, p.scheme(), p.keyBits(), p.exponent()), ek.unique());
        assertThrows(IllegalArgumentException.class, () -> CredentialProtection.make(noSym, Bytes.zeros(34),
                new byte[16]));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> CredentialProtection.make(KEYED_HASH, Bytes.zeros(34), new byte[16]));
        assertEquals("the EK must be an RSA or ECC key", type.getMessage());
    }

    @Test
    void seedsGoOnlyToRsaAndEccKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeedEncryption.create(KEYED_HASH, "SECRET"));
        assertEquals("seeds are encrypted to RSA or ECC keys, not TPM_ALG_KEYEDHASH", e.getMessage());
        TpmtPublic p384 = PublicKeys.withKey(EkTemplates.H3_ECC_P384,
                pair("EC", new ECGenParameterSpec("secp384r1")).getPublic());
        SeedEncryption.Seed ecc = SeedEncryption.create(p384, "SECRET");
        assertEquals(48, ecc.seed().length, "a seed is one nameAlg digest");
        assertEquals(2 + 48 + 2 + 48, ecc.encryptedSecret().size(), "the ephemeral point, both coordinates sized");
        SeedEncryption.Seed rsa = SeedEncryption.create(EK, "SECRET");
        assertEquals(32, rsa.seed().length);
        assertEquals(256, rsa.encryptedSecret().size(), "one RSA-2048 block");
        rsa.wipe();
        assertEquals(Bytes.zeros(32), Bytes.of(rsa.seed()), "wipe() zeroes the seed");
        assertEquals(-1, rsa.toString().indexOf(HexFormat.of().formatHex(ecc.seed())), "no seed in toString");
    }

    @Test
    void theCredentialFileIsReadStrictly() {
        CredentialProtection.Credential c = CredentialProtection.make(EK, Bytes.zeros(34),
                new byte[16]);
        byte[] file = CredentialFile.write(c);
        assertEquals("badcc0de00000001", HexFormat.of().formatHex(file, 0, 8));
        assertEquals(c, CredentialFile.read(file));
        byte[] magic = file.clone();
        magic[3] = (byte) 0xDF;
        assertEquals("tpm2-tools credential file at offset 0: magic 0xbadcc0df is not 0xbadcc0de",
                assertThrows(TpmFormatException.class, () -> CredentialFile.read(magic)).getMessage());
        byte[] version = file.clone();
        version[4] = (byte) 0xFF;
        assertEquals("tpm2-tools credential file at offset 4: version 4278190081 is not 1",
                assertThrows(TpmFormatException.class, () -> CredentialFile.read(version)).getMessage());
        byte[] longer = java.util.Arrays.copyOf(file, file.length + 1);
        assertThrows(TpmFormatException.class, () -> CredentialFile.read(longer));
        byte[] shorter = java.util.Arrays.copyOf(file, file.length - 1);
        assertThrows(TpmFormatException.class, () -> CredentialFile.read(shorter));
    }
}

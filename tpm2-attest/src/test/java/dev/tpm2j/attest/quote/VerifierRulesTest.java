package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsClockInfo;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmuAttest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier's checks one by one on crafted attestations signed in software (the key stands for an AK whose public
 * area the verifier does not have, as with a PEM file): the TPM_GENERATED magic, the attestation type, the quoted
 * selection; and reading a bare TPMT_PUBLIC as the AK.
 */
class VerifierRulesTest {
    private static final Bytes NONCE = Bytes.fromHex("00112233445566778899aabbccddeeff");
    private static final TpmlPcrSelection SEL = new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0,
            7)));
    private static final PcrValues VALUES = PcrValues.EMPTY.with(TpmAlgId.SHA256, 0, Bytes.of(new byte[32]))
            .with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));

    private final KeyPair key;

    VerifierRulesTest() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
    }

    private byte[] message(int magic, int type) {
        byte[] digest = TpmHash.hash(TpmAlgId.SHA256, new byte[64]);
        TpmuAttest attested = type == TpmSt.ATTEST_QUOTE ? new TpmuAttest.QuoteInfo(SEL, Bytes.of(digest))
                : new TpmuAttest.CertifyInfo(Bytes.of(new byte[34]), Bytes.of(new byte[34]));
        TpmsAttest a = new TpmsAttest(magic, Bytes.of(new byte[34]), NONCE, new TpmsClockInfo(1, 2, 3, true), 0,
                attested);
        TpmWriter w = new TpmWriter();
        a.marshal(w);
        byte[] m = w.toByteArray();
        m[4] = (byte) (type >>> 8);
        m[5] = (byte) type;
        return m;
    }

    private TpmtSignature sign(byte[] message) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key.getPrivate());
        s.update(message);
        byte[] rs = s.sign();
        return new TpmtSignature(TpmAlgId.ECDSA, new TpmsSignatureEcc(TpmAlgId.SHA256,
                Bytes.of(Arrays.copyOf(rs, 32)), Bytes.of(Arrays.copyOfRange(rs, 32, 64))));
    }

    private AttestationReport verify(byte[] message) throws Exception {
        return AttestationVerifier.verifyQuote(AttestationKey.of(key.getPublic()), Bytes.of(message), sign(message),
                Expectations.nonce(NONCE).withPcrValues(VALUES));
    }

    @Test
    void aWellFormedSignedQuoteIsValid() throws Exception {
        AttestationReport r = verify(message(TpmsAttest.TPM_GENERATED_VALUE, TpmSt.ATTEST_QUOTE));
        assertInstanceOf(Verdict.Valid.class, r.verdict(), r.toString());
        assertEquals(VALUES, r.quotedPcrs());
    }

    @Test
    void aStructureWithoutTheTpmGeneratedMagicIsRefused() throws Exception {
        Verdict.NotTpmGenerated v = assertInstanceOf(Verdict.NotTpmGenerated.class,
                verify(message(0xff544348, TpmSt.ATTEST_QUOTE)).verdict());
        assertEquals(0xff544348, v.magic());
    }

    @Test
    void aCertifyPresentedAsAQuoteIsRefused() throws Exception {
        Verdict.WrongType v = assertInstanceOf(Verdict.WrongType.class,
                verify(message(TpmsAttest.TPM_GENERATED_VALUE, TpmSt.ATTEST_CERTIFY)).verdict());
        assertEquals(TpmSt.ATTEST_QUOTE, v.expected());
        assertEquals(TpmSt.ATTEST_CERTIFY, v.actual());
    }

    @Test
    void aBareTpmtPublicIsReadAsTheAkWithItsAttributes() {
        TpmtPublic ak = PublicKeys.withKey(KeyTemplates.AK_ECC_P256, key.getPublic());
        TpmWriter w = new TpmWriter();
        ak.marshal(w);
        AttestationKey parsed = AttestationKey.parse(w.toByteArray());
        assertEquals(KeyTemplates.AK_ATTRIBUTES, parsed.attributes());
        assertNull(parsed.problem());
        assertEquals(TpmAlgId.ECDSA, parsed.scheme());
    }

    @Test
    void aKeyWhosePublicAreaIsNotAnAkIsRefusedForCertifyToo() throws Exception {
        TpmtPublic signer = PublicKeys.withKey(KeyTemplates.AK_ECC_P256, key.getPublic());
        TpmtPublic unrestricted = new TpmtPublic(signer.type(), signer.nameAlg(), signer.objectAttributes()
                .without(dev.tpm2j.core.types.TpmaObject.RESTRICTED), signer.authPolicy(), signer.parameters(),
                signer.unique());
        byte[] m = message(TpmsAttest.TPM_GENERATED_VALUE, TpmSt.ATTEST_CERTIFY);
        dev.tpm2j.attest.keyattest.KeyVerdict v = dev.tpm2j.attest.keyattest.KeyAttestation.verify(
                AttestationKey.of(unrestricted), Bytes.of(m), sign(m), NONCE, signer,
                dev.tpm2j.attest.keyattest.KeyPolicy.DEFAULT);
        dev.tpm2j.attest.keyattest.KeyVerdict.CertifyRefused r = assertInstanceOf(
                dev.tpm2j.attest.keyattest.KeyVerdict.CertifyRefused.class, v);
        assertInstanceOf(Verdict.NotAnAttestationKey.class, r.verdict());
    }

    @Test
    void eachMissingAkAttributeIsNamed() {
        TpmtPublic ak = PublicKeys.withKey(KeyTemplates.AK_ECC_P256, key.getPublic());
        java.util.Map<Integer, String> cases = java.util.Map.of(
                dev.tpm2j.core.types.TpmaObject.RESTRICTED, "not restricted",
                dev.tpm2j.core.types.TpmaObject.SIGN_ENCRYPT, "not sign",
                dev.tpm2j.core.types.TpmaObject.FIXED_TPM, "not fixedTPM",
                dev.tpm2j.core.types.TpmaObject.FIXED_PARENT, "not fixedParent");
        cases.forEach((bit, why) -> {
            AttestationKey k = AttestationKey.of(new TpmtPublic(ak.type(), ak.nameAlg(),
                    ak.objectAttributes().without(bit), ak.authPolicy(), ak.parameters(), ak.unique()));
            org.junit.jupiter.api.Assertions.assertTrue(k.problem().contains(why), k.problem());
        });
        AttestationKey decrypts = AttestationKey.of(new TpmtPublic(ak.type(), ak.nameAlg(),
                ak.objectAttributes().with(dev.tpm2j.core.types.TpmaObject.DECRYPT), ak.authPolicy(), ak.parameters(),
                ak.unique()));
        org.junit.jupiter.api.Assertions.assertTrue(decrypts.problem().contains("can decrypt"), decrypts.problem());
        assertNull(AttestationKey.of(key.getPublic()).problem(), "a bare key's attributes are unknown");
    }
}

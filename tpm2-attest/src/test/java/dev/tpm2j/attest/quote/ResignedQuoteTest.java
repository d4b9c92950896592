package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.RealWindowsQuote;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmtSignature;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The real Windows quote's TPMS_ATTEST (and crafted cuts of it) signed again with software keys that stand for AKs
 * known only by their public key (PEM): the structure checks that follow a good signature, and the signature forms a
 * TPM may produce (RSASSA-PSS with a digest-long or a maximum salt, ECDSA r and s of any length up to the curve's).
 */
class ResignedQuoteTest {
    private static final RealWindowsQuote REAL = RealWindowsQuote.load();
    private static final KeyPair RSA;
    private static final KeyPair EC;

    static {
        try {
            KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
            r.initialize(2048);
            RSA = r.generateKeyPair();
            KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
            e.initialize(new ECGenParameterSpec("secp256r1"));
            EC = e.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static final Expectations EXPECT = Expectations.withoutNonce().withPcrValues(REAL.pcrs());

    private static TpmtSignature rsassa(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initSign(RSA.getPrivate());
        s.update(message);
        return new TpmtSignature(TpmAlgId.RSASSA, new TpmsSignatureRsa(TpmAlgId.SHA1, Bytes.of(s.sign())));
    }

    private static AttestationReport verifyRsa(byte[] message, TpmtSignature sig) {
        return AttestationVerifier.verifyQuote(AttestationKey.of(RSA.getPublic()), Bytes.of(message), sig, EXPECT);
    }

    @Test
    void theRealMessageSignedInSoftwareIsValid() throws Exception {
        AttestationReport r = verifyRsa(REAL.message(), rsassa(REAL.message()));
        assertInstanceOf(Verdict.Valid.class, r.verdict(), r.toString());
        assertEquals(REAL.pcrs(), r.quotedPcrs());
    }

    @Test
    void aSignedMessageShorterThanTheHeaderIsMalformed() throws Exception {
        byte[] five = Arrays.copyOf(REAL.message(), 5);
        AttestationReport r = verifyRsa(five, rsassa(five));
        Verdict.Malformed m = assertInstanceOf(Verdict.Malformed.class, r.verdict(), r.toString());
        assertEquals("message shorter than a TPMS_ATTEST header", m.why());
        assertInstanceOf(Check.Matches.class, r.signature(), "the signature itself verified");
    }

    @Test
    void aSignedHeaderWithNothingAfterItIsAMalformedTpmsAttest() throws Exception {
        byte[] six = Arrays.copyOf(REAL.message(), 6); // the magic and TPM_ST_ATTEST_QUOTE: a header, no body
        AttestationReport r = verifyRsa(six, rsassa(six));
        Verdict.Malformed m = assertInstanceOf(Verdict.Malformed.class, r.verdict(), r.toString());
        assertTrue(m.why().startsWith("TPMS_ATTEST: "), m.why());
    }

    @Test
    void aSignedQuoteWithATrailingByteIsMalformed() throws Exception {
        byte[] longer = Arrays.copyOf(REAL.message(), REAL.message().length + 1);
        AttestationReport r = verifyRsa(longer, rsassa(longer));
        Verdict.Malformed m = assertInstanceOf(Verdict.Malformed.class, r.verdict(), r.toString());
        assertTrue(m.why().startsWith("TPMS_ATTEST: "), m.why());
        assertEquals(PcrValues.EMPTY, r.quotedPcrs());
    }

    @Test
    void aSignedStructureIsATpmQuoteOnlyWithAllFourBytesOfTheMagic() throws Exception {
        // a key that signs arbitrary data (no restricted AK) could sign this: each magic byte is checked
        for (int i = 0; i < 4; i++) {
            for (int value : new int[] {0x00, REAL.message()[i] ^ 0x01}) {
                byte[] m = REAL.messageWith(i, value);
                AttestationReport r = verifyRsa(m, rsassa(m));
                Verdict.NotTpmGenerated v = assertInstanceOf(Verdict.NotTpmGenerated.class, r.verdict(),
                        "byte " + i + " = " + value + ": " + r);
                int shift = 24 - 8 * i;
                int expected = TpmsAttest.TPM_GENERATED_VALUE & ~(0xFF << shift) | (value & 0xFF) << shift;
                assertEquals(expected, v.magic(), "byte " + i);
            }
        }
    }

    @Test
    void theAttestationTypeIsReadFromBothBytes() throws Exception {
        for (int i = 4; i < 6; i++) {
            byte[] m = REAL.messageWith(i, REAL.message()[i] ^ 0x01);
            AttestationReport r = verifyRsa(m, rsassa(m));
            Verdict.WrongType v = assertInstanceOf(Verdict.WrongType.class, r.verdict(), r.toString());
            assertEquals(0x8018 ^ (i == 4 ? 0x100 : 0x01), v.actual());
        }
    }

    private static TpmtSignature rsapss(int salt) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, salt, 1));
        s.initSign(RSA.getPrivate());
        s.update(REAL.message());
        return new TpmtSignature(TpmAlgId.RSAPSS, new TpmsSignatureRsa(TpmAlgId.SHA1, Bytes.of(s.sign())));
    }

    @Test
    void rsapssIsAcceptedWithADigestLongSaltAndWithTheMaximumSaltOnly() throws Exception {
        // RSA 2048 with SHA-1: a salt of 20 bytes (what TPMs use) or 256 - 20 - 2 = 234 (the most the key allows)
        for (int salt : new int[] {20, 234}) {
            AttestationReport r = verifyRsa(REAL.message(), rsapss(salt));
            assertInstanceOf(Verdict.Valid.class, r.verdict(), "salt " + salt + ": " + r);
        }
        for (int salt : new int[] {0, 19, 21, 233}) {
            AttestationReport r = verifyRsa(REAL.message(), rsapss(salt));
            assertInstanceOf(Verdict.BadSignature.class, r.verdict(), "salt " + salt + ": " + r);
        }
    }

    private static byte[] ecdsaP1363() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withECDSAinP1363Format");
        s.initSign(EC.getPrivate());
        s.update(REAL.message());
        return s.sign();
    }

    private static AttestationReport verifyEc(byte[] r, byte[] s) {
        TpmtSignature sig = new TpmtSignature(TpmAlgId.ECDSA, new TpmsSignatureEcc(TpmAlgId.SHA1, Bytes.of(r),
                Bytes.of(s)));
        return AttestationVerifier.verifyQuote(AttestationKey.of(EC.getPublic()), Bytes.of(REAL.message()), sig,
                EXPECT);
    }

    private static byte[] prefixed(int first, byte[] v) {
        byte[] out = new byte[v.length + 1];
        out[0] = (byte) first;
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    @Test
    void ecdsaRAndSAreReadAsNumbersUpToTheCurveSize() throws Exception {
        byte[] rs = ecdsaP1363();
        byte[] r = Arrays.copyOf(rs, 32);
        byte[] s = Arrays.copyOfRange(rs, 32, 64);
        assertInstanceOf(Verdict.Valid.class, verifyEc(r, s).verdict());
        // a leading zero byte does not change the number
        AttestationReport padded = verifyEc(prefixed(0, r), prefixed(0, s));
        assertInstanceOf(Verdict.Valid.class, padded.verdict(), padded.toString());
        // a number wider than the curve is no P-256 signature, whatever its low 32 bytes
        AttestationReport wideR = verifyEc(prefixed(1, r), s);
        assertInstanceOf(Verdict.BadSignature.class, wideR.verdict(), wideR.toString());
        AttestationReport wideS = verifyEc(r, prefixed(1, s));
        assertInstanceOf(Verdict.BadSignature.class, wideS.verdict(), wideS.toString());
    }
}

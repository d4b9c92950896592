package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.RealWindowsQuote;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsClockInfo;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmtSignature;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The verifier on a real quote (a Windows machine's TPM, go-attestation's {@code windows_gcp_shielded_vm.json}: RSA
 * 2048 AK with RSASSA/SHA-1, all 24 SHA-1 PCRs, no nonce) and on crafted variants of it: every check that can fail on
 * a real TPM's output fails with its own verdict and reason, and nothing outside what the TPM signed is accepted.
 */
class RealQuoteVerifierTest {
    private static final RealWindowsQuote REAL = RealWindowsQuote.load();
    private static final AttestationKey AK = AttestationKey.parse(REAL.akPublic());
    private static final Expectations EXPECT = Expectations.withoutNonce().withPcrValues(REAL.pcrs());

    private static AttestationReport verify(byte[] signature, Expectations expected) {
        return AttestationVerifier.verifyQuote(AK, REAL.message(), signature, expected);
    }

    private static byte[] signatureWith(int offset, int value) {
        byte[] s = REAL.signature().clone();
        s[offset] = (byte) value;
        return s;
    }

    @Test
    void theRealQuoteVerifiesWithItsAkAndVouchesForItsPcrs() {
        assertNull(AK.problem(), "the real AK is a restricted signing key bound to its TPM");
        assertEquals(TpmAlgId.RSASSA, AK.scheme());
        assertEquals(TpmAlgId.SHA1, AK.schemeHash());
        AttestationReport r = verify(REAL.signature(), EXPECT);
        assertInstanceOf(Verdict.Valid.class, r.verdict(), r.toString());
        assertInstanceOf(Check.Matches.class, r.pcrDigest());
        assertEquals(REAL.pcrs(), r.quotedPcrs());
        assertEquals(24, r.quotedPcrs().banks().get(TpmAlgId.SHA1).size());
    }

    @Test
    void aSignatureWithATrailingByteIsMalformed() {
        byte[] longer = Arrays.copyOf(REAL.signature(), REAL.signature().length + 1);
        AttestationReport r = verify(longer, EXPECT);
        Verdict.Malformed m = assertInstanceOf(Verdict.Malformed.class, r.verdict(), r.toString());
        assertTrue(m.why().startsWith("signature: "), m.why());
        assertEquals(PcrValues.EMPTY, r.quotedPcrs());
    }

    @Test
    void aSelectedPcrWithoutAValueIsNamed() {
        SortedMap<Integer, Bytes> sha1 = new TreeMap<>(REAL.pcrs().banks().get(TpmAlgId.SHA1));
        sha1.remove(23);
        AttestationReport r = verify(REAL.signature(), Expectations.withoutNonce().withPcrValues(
                new PcrValues(java.util.Map.of(TpmAlgId.SHA1, sha1))));
        Verdict.PcrValuesMissing v = assertInstanceOf(Verdict.PcrValuesMissing.class, r.verdict(), r.toString());
        assertEquals(new PcrValues.PcrId(TpmAlgId.SHA1, 23), v.pcr());
        Check.Differs d = assertInstanceOf(Check.Differs.class, r.pcrDigest());
        assertEquals("no value for PCR sha1:23", d.why());
        assertEquals(PcrValues.EMPTY, r.quotedPcrs());
    }

    @Test
    void aChangedPcrValueIsADigestMismatch() {
        PcrValues changed = REAL.pcrs().with(TpmAlgId.SHA1, 7, Bytes.of(new byte[20]));
        AttestationReport r = verify(REAL.signature(), Expectations.withoutNonce().withPcrValues(changed));
        Verdict.PcrDigestMismatch v = assertInstanceOf(Verdict.PcrDigestMismatch.class, r.verdict(), r.toString());
        assertTrue(v.why().startsWith("the quote's pcrDigest a610f27bc687ce906243287d832706036e79f6e1 is not the"
                + " TPM_ALG_SHA1 digest"), v.why());
    }

    // ---- the clock: TPMS_CLOCK_INFO of the real quote is clock 10257171, resetCount 0x3e4db9e4, restartCount
    // 0x310636da

    private static TpmsClockInfo realClock() {
        return AttestationVerifier.parseAttest(REAL.message()).clockInfo();
    }

    private static AttestationReport after(TpmsClockInfo previous) {
        return verify(REAL.signature(), EXPECT.withPreviousClock(previous));
    }

    @Test
    void theRealClockIsRead() {
        TpmsClockInfo c = realClock();
        assertEquals(0x9c8313L, c.clock());
        assertEquals(0x3e4db9e4, c.resetCount());
        assertEquals(0x310636da, c.restartCount());
    }

    @Test
    void theSameClockAgainDoesNotGoBack() {
        AttestationReport r = after(realClock());
        assertInstanceOf(Verdict.Valid.class, r.verdict(), r.toString());
    }

    @Test
    void aClockThatWentBackIsNamedWithBothValues() {
        TpmsClockInfo c = realClock();
        Verdict.ClockNotMonotonic v = assertInstanceOf(Verdict.ClockNotMonotonic.class, after(new TpmsClockInfo(
                c.clock() + 1, c.resetCount(), c.restartCount(), true)).verdict());
        assertEquals("clock went from 10257172 to 10257171 ms", v.why());
    }

    @Test
    void aRestartCountThatWentBackIsNamedWithBothValues() {
        TpmsClockInfo c = realClock();
        Verdict.ClockNotMonotonic v = assertInstanceOf(Verdict.ClockNotMonotonic.class, after(new TpmsClockInfo(
                c.clock(), c.resetCount(), c.restartCount() + 1, true)).verdict());
        assertEquals("restartCount went from 822490843 to 822490842", v.why());
    }

    @Test
    void aResetCountThatWentBackIsNamedWithBothValues() {
        TpmsClockInfo c = realClock();
        Verdict.ClockNotMonotonic v = assertInstanceOf(Verdict.ClockNotMonotonic.class, after(new TpmsClockInfo(
                0, c.resetCount() + 1, 0, true)).verdict());
        assertEquals("resetCount went from 1045281253 to 1045281252", v.why());
    }

    @Test
    void afterAResetTheRestartCountAndClockStartOver() {
        TpmsClockInfo c = realClock();
        // an earlier attestation from before the last TPM Reset: higher restart count and clock, lower reset count
        AttestationReport r = after(new TpmsClockInfo(c.clock() + 1_000_000, c.resetCount() - 1,
                c.restartCount() + 5, true));
        assertInstanceOf(Verdict.Valid.class, r.verdict(), r.toString());
        // an earlier attestation from before the last TPM Restart: higher clock, lower restart count
        AttestationReport restart = after(new TpmsClockInfo(c.clock() + 1_000_000, c.resetCount(),
                c.restartCount() - 1, true));
        assertInstanceOf(Verdict.Valid.class, restart.verdict(), restart.toString());
    }

    // ---- the signature's scheme against the AK's (RSASSA with SHA-1)

    @Test
    void aSignatureClaimingAnotherHashThanTheAksSchemeIsRefused() {
        AttestationReport r = verify(signatureWith(3, TpmAlgId.SHA256), EXPECT);
        Verdict.SchemeMismatch v = assertInstanceOf(Verdict.SchemeMismatch.class, r.verdict(), r.toString());
        assertEquals("the AK's scheme is TPM_ALG_RSASSA/TPM_ALG_SHA1, the signature is TPM_ALG_RSASSA/TPM_ALG_SHA256",
                v.why());
        Check.Differs d = assertInstanceOf(Check.Differs.class, r.signature());
        assertEquals(v.why(), d.why());
    }

    @Test
    void anRsapssSignatureFromAnRsassaAkIsRefused() {
        Verdict.SchemeMismatch v = assertInstanceOf(Verdict.SchemeMismatch.class,
                verify(signatureWith(1, TpmAlgId.RSAPSS), EXPECT).verdict());
        assertEquals("the AK's scheme is TPM_ALG_RSASSA/TPM_ALG_SHA1, the signature is TPM_ALG_RSAPSS/TPM_ALG_SHA1",
                v.why());
    }

    @Test
    void aSignatureHashTheVerifierCannotComputeIsRefused() {
        Verdict.SchemeMismatch v = assertInstanceOf(Verdict.SchemeMismatch.class,
                verify(signatureWith(3, TpmAlgId.SM3_256), EXPECT).verdict());
        assertEquals("unsupported signature hash TPM_ALG_SM3_256", v.why());
    }

    @Test
    void anEcdsaSignatureCannotComeFromAnRsaAk() {
        byte[] rsa = REAL.signature();
        TpmtSignature ecdsa = new TpmtSignature(TpmAlgId.ECDSA, new TpmsSignatureEcc(TpmAlgId.SHA1,
                Bytes.of(Arrays.copyOfRange(rsa, 6, 38)), Bytes.of(Arrays.copyOfRange(rsa, 38, 70))));
        AttestationReport r = AttestationVerifier.verifyQuote(AK, Bytes.of(REAL.message()), ecdsa, EXPECT);
        Verdict.SchemeMismatch v = assertInstanceOf(Verdict.SchemeMismatch.class, r.verdict(), r.toString());
        assertEquals("TPM_ALG_ECDSA signature cannot come from a RSA AK", v.why());
    }

    @Test
    void aTruncatedRsaSignatureDoesNotVerify() {
        byte[] s = REAL.signature();
        byte[] shorter = Arrays.copyOf(s, s.length - 1);
        shorter[4] = 0; // TPM2B size 0x0100 -> 0x00FF
        shorter[5] = (byte) 0xFF;
        AttestationReport r = verify(shorter, EXPECT);
        Verdict.BadSignature v = assertInstanceOf(Verdict.BadSignature.class, r.verdict(), r.toString());
        assertEquals("the TPM_ALG_RSASSA signature does not verify with the AK over the message", v.why());
        assertEquals(PcrValues.EMPTY, r.quotedPcrs());
    }

    @Test
    void oneFlippedBitInTheMessageBreaksTheSignature() {
        byte[] m = REAL.messageWith(REAL.message().length - 1, REAL.message()[REAL.message().length - 1] ^ 1);
        AttestationReport r = AttestationVerifier.verifyQuote(AK, m, REAL.signature(), EXPECT);
        assertInstanceOf(Verdict.BadSignature.class, r.verdict(), r.toString());
    }

    // ---- the AK's attributes (the real AK: fixedTPM, fixedParent, sensitiveDataOrigin, userWithAuth, noDA,
    // restricted, sign)

    private static String problemWith(TpmaObject attributes) {
        return new AttestationKey(AK.key(), AK.scheme(), AK.schemeHash(), AK.name(), attributes).problem();
    }

    @Test
    void everyMissingOrExtraAkAttributeIsListedInOrder() {
        TpmaObject real = AK.attributes();
        String prefix = "the key's public area (";
        assertEquals(prefix + real.without(TpmaObject.RESTRICTED) + ") shows it is no AK: not restricted",
                problemWith(real.without(TpmaObject.RESTRICTED)));
        TpmaObject signingAnything = real.without(TpmaObject.RESTRICTED).without(TpmaObject.FIXED_TPM);
        assertEquals(prefix + signingAnything + ") shows it is no AK: not restricted, not fixedTPM",
                problemWith(signingAnything));
        TpmaObject decrypts = real.with(TpmaObject.DECRYPT);
        assertEquals(prefix + decrypts + ") shows it is no AK: can decrypt", problemWith(decrypts));
        TpmaObject storage = real.without(TpmaObject.SIGN_ENCRYPT).with(TpmaObject.DECRYPT);
        assertEquals(prefix + storage + ") shows it is no AK: not sign, can decrypt", problemWith(storage));
        // and the verifier refuses such a key before looking at the signature
        AttestationReport r = AttestationVerifier.verifyQuote(new AttestationKey(AK.key(), AK.scheme(),
                AK.schemeHash(), AK.name(), real.without(TpmaObject.RESTRICTED)), REAL.message(), REAL.signature(),
                EXPECT);
        Verdict.NotAnAttestationKey v = assertInstanceOf(Verdict.NotAnAttestationKey.class, r.verdict());
        assertEquals(problemWith(real.without(TpmaObject.RESTRICTED)), v.why());
        assertEquals(PcrValues.EMPTY, r.quotedPcrs());
    }

    // ---- reading the AK

    @Test
    void theAkReadsTheSameAsTpmtPublicAndAsTpm2bPublic() {
        byte[] tpmt = REAL.akPublic();
        byte[] tpm2b = new byte[tpmt.length + 2];
        tpm2b[0] = (byte) (tpmt.length >>> 8);
        tpm2b[1] = (byte) tpmt.length;
        System.arraycopy(tpmt, 0, tpm2b, 2, tpmt.length);
        AttestationKey fromTpm2b = AttestationKey.parse(tpm2b);
        assertEquals(AK.name(), fromTpm2b.name());
        assertArrayEquals(AK.key().getEncoded(), fromTpm2b.key().getEncoded());
        assertEquals(AK.attributes(), fromTpm2b.attributes());
    }

    @Test
    void anAkFileWithATrailingByteIsRefused() {
        byte[] tpmt = REAL.akPublic();
        byte[] tpmtLonger = Arrays.copyOf(tpmt, tpmt.length + 1);
        assertThrows(dev.tpm2j.core.InvalidInputException.class, () -> AttestationKey.parse(tpmtLonger));
        byte[] tpm2bLonger = new byte[tpmt.length + 3];
        tpm2bLonger[0] = (byte) (tpmt.length >>> 8);
        tpm2bLonger[1] = (byte) tpmt.length;
        System.arraycopy(tpmt, 0, tpm2bLonger, 2, tpmt.length);
        dev.tpm2j.core.InvalidInputException e = assertThrows(dev.tpm2j.core.InvalidInputException.class,
                () -> AttestationKey.parse(tpm2bLonger));
        assertTrue(e.getMessage().startsWith("neither a PEM public key, a TPM2B_PUBLIC nor a TPMT_PUBLIC"),
                e.getMessage());
    }

    @Test
    void theRealMessageIsATpmGeneratedQuote() {
        TpmsAttest a = AttestationVerifier.parseAttest(REAL.message());
        assertEquals(TpmsAttest.TPM_GENERATED_VALUE, a.magic());
        assertEquals(0, a.extraData().size());
    }
}

package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsClockInfo;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmuAttest;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Verifies what a TPM signed with an attestation key (TPM2_Quote, TPM2_Certify): the signature over the exact
 * TPMS_ATTEST bytes (RSASSA, RSAPSS, ECDSA, with the AK's own scheme and hash when known), the TPM_GENERATED magic,
 * the attestation type, extraData = the verifier's nonce (constant time; a missing nonce must be waived explicitly),
 * and, when asked, the qualified signer, the clock, the quoted PCR digest (recomputed from PCR values in selection
 * order) or the certified object's name. When the AK's public area is known, a key that is not a restricted signing
 * key bound to its TPM is refused first. A quote vouches for exactly its selection: supplied values it does not
 * select are refused, and {@link AttestationReport#quotedPcrs()} holds only what it vouches for. Nothing is trusted
 * before the signature verifies; every failure is a typed {@link Verdict}.
 */
public final class AttestationVerifier {
    private AttestationVerifier() {
    }

    /** Verifies a quote given the raw TPMS_ATTEST bytes and the raw TPMT_SIGNATURE bytes (e.g. tpm2_quote's files). */
    public static AttestationReport verifyQuote(AttestationKey ak, byte[] message, byte[] signature,
                                                Expectations expected) {
        return verify(TpmSt.ATTEST_QUOTE, ak, message, signature, expected);
    }

    /** Verifies a quote given the signature already parsed (e.g. from {@code Quote}'s response). */
    public static AttestationReport verifyQuote(AttestationKey ak, Bytes message, TpmtSignature signature,
                                                Expectations expected) {
        return verify(TpmSt.ATTEST_QUOTE, ak, message.toByteArray(), signature, expected);
    }

    /** Verifies a certify (raw bytes); set {@link Expectations#certifiedName()} to bind it to one object. */
    public static AttestationReport verifyCertify(AttestationKey ak, byte[] message, byte[] signature,
                                                  Expectations expected) {
        return verify(TpmSt.ATTEST_CERTIFY, ak, message, signature, expected);
    }

    /** Verifies a certify given the signature already parsed. */
    public static AttestationReport verifyCertify(AttestationKey ak, Bytes message, TpmtSignature signature,
                                                  Expectations expected) {
        return verify(TpmSt.ATTEST_CERTIFY, ak, message.toByteArray(), signature, expected);
    }

    /**
     * Parses a TPMT_SIGNATURE that must fill {@code bytes} exactly; {@link TpmFormatException} otherwise.
     */
    public static TpmtSignature parseSignature(byte[] bytes) {
        TpmReader r = TpmReader.of(bytes);
        TpmtSignature sig = TpmtSignature.read(r);
        r.expectEnd("TPMT_SIGNATURE");
        return sig;
    }

    /**
     * Parses TPMS_ATTEST bytes that must be filled exactly (parsing does not verify anything);
     * {@link TpmFormatException} otherwise.
     */
    public static TpmsAttest parseAttest(byte[] bytes) {
        TpmReader r = TpmReader.of(bytes);
        TpmsAttest a = TpmsAttest.read(r);
        r.expectEnd("TPMS_ATTEST");
        return a;
    }

    private static AttestationReport verify(int type, AttestationKey ak, byte[] message, byte[] signature,
                                            Expectations expected) {
        TpmtSignature sig;
        try {
            sig = parseSignature(signature);
        } catch (TpmFormatException | IllegalArgumentException e) {
            return failed(new Verdict.Malformed("signature: " + e.getMessage()), message, null);
        }
        return verify(type, ak, message, sig, expected);
    }

    private static AttestationReport verify(int type, AttestationKey ak, byte[] message, TpmtSignature sig,
                                            Expectations expected) {
        Bytes msg = Bytes.of(message);
        String notAk = ak.problem();
        if (notAk != null) {
            return new AttestationReport(new Verdict.NotAnAttestationKey(notAk),
                    new Check.NotChecked("the key is not an attestation key"), notChecked(), notChecked(), msg, null);
        }
        String schemeProblem = SignatureCheck.schemeProblem(ak, sig);
        if (schemeProblem != null) {
            return failed(new Verdict.SchemeMismatch(schemeProblem), message, null);
        }
        if (!SignatureCheck.verifies(ak, sig, message)) {
            return new AttestationReport(new Verdict.BadSignature("the " + TpmAlgId.name(sig.sigAlg())
                    + " signature does not verify with the AK over the message"),
                    new Check.Differs("signature does not verify"), notChecked(), notChecked(), msg, null);
        }
        Check signatureOk = new Check.Matches();
        // Signed, so the bytes came from the holder of the AK; now check what they say.
        if (message.length < 6) {
            return new AttestationReport(new Verdict.Malformed("message shorter than a TPMS_ATTEST header"),
                    signatureOk, notChecked(), notChecked(), msg, null);
        }
        int magic = ((message[0] & 0xFF) << 24) | ((message[1] & 0xFF) << 16) | ((message[2] & 0xFF) << 8)
                | (message[3] & 0xFF);
        if (magic != TpmsAttest.TPM_GENERATED_VALUE) {
            return new AttestationReport(new Verdict.NotTpmGenerated(magic), signatureOk, notChecked(),
                    notChecked(), msg, null);
        }
        int actualType = ((message[4] & 0xFF) << 8) | (message[5] & 0xFF);
        if (actualType != type) {
            return new AttestationReport(new Verdict.WrongType(type, actualType), signatureOk, notChecked(),
                    notChecked(), msg, null);
        }
        TpmsAttest attest;
        try {
            attest = parseAttest(message);
        } catch (TpmFormatException | IllegalArgumentException e) {
            return new AttestationReport(new Verdict.Malformed("TPMS_ATTEST: " + e.getMessage()), signatureOk,
                    notChecked(), notChecked(), msg, null);
        }
        Check nonce = expected.nonce() == null ? new Check.NotChecked("no nonce given")
                : MessageDigest.isEqual(attest.extraData().toByteArray(), expected.nonce().toByteArray())
                ? new Check.Matches() : new Check.Differs("extraData is not the verifier's nonce");
        Check pcr = pcrDigestCheck(attest, expected.pcrValues(), SignatureCheck.hashOf(sig));
        Verdict v = firstProblem(attest, expected, nonce, pcr);
        return new AttestationReport(v, signatureOk, nonce, pcr, msg, attest,
                v instanceof Verdict.Valid && pcr.passed() ? expected.pcrValues() : PcrValues.EMPTY);
    }

    /** The first failed check of a signed, well-formed attestation, or {@link Verdict.Valid}. */
    private static Verdict firstProblem(TpmsAttest attest, Expectations expected, Check nonce, Check pcr) {
        if (nonce instanceof Check.Differs) {
            return new Verdict.NonceMismatch();
        }
        if (expected.nonce() == null && !expected.nonceWaived()) {
            return new Verdict.NonceNotChecked();
        }
        if (expected.qualifiedSigner() != null && !MessageDigest.isEqual(
                expected.qualifiedSigner().toByteArray(), attest.qualifiedSigner().toByteArray())) {
            return new Verdict.SignerMismatch();
        }
        String clock = clockProblem(expected.previousClock(), attest.clockInfo());
        if (clock != null) {
            return new Verdict.ClockNotMonotonic(clock);
        }
        if (attest.attested() instanceof TpmuAttest.QuoteInfo q) {
            Verdict selection = selectionProblem(q, expected);
            if (selection != null) {
                return selection;
            }
            if (pcr instanceof Check.Differs d) {
                return new Verdict.PcrDigestMismatch(d.why());
            }
        }
        if (attest.attested() instanceof TpmuAttest.CertifyInfo c && expected.certifiedName() != null
                && !MessageDigest.isEqual(c.name().toByteArray(), expected.certifiedName().toByteArray())) {
            return new Verdict.CertifiedNameMismatch();
        }
        return new Verdict.Valid();
    }

    /**
     * A quote vouches for exactly its selection: a supplied value it does not select, a selected PCR without a
     * value, or a required PCR it does not select is refused.
     */
    private static Verdict selectionProblem(TpmuAttest.QuoteInfo q, Expectations expected) {
        Set<PcrValues.PcrId> selected = new HashSet<>(PcrValues.selected(q.pcrSelect()));
        PcrValues values = expected.pcrValues();
        if (values != null) {
            for (Map.Entry<Integer, SortedMap<Integer, Bytes>> bank : values.banks().entrySet()) {
                for (Integer index : bank.getValue().keySet()) {
                    PcrValues.PcrId id = new PcrValues.PcrId(bank.getKey(), index);
                    if (!selected.contains(id)) {
                        return new Verdict.PcrNotQuoted(id);
                    }
                }
            }
            for (PcrValues.PcrId id : PcrValues.selected(q.pcrSelect())) {
                if (values.value(id.hashAlg(), id.pcr()) == null) {
                    return new Verdict.PcrValuesMissing(id);
                }
            }
        }
        if (expected.requiredPcrs() != null) {
            List<PcrValues.PcrId> missing = new ArrayList<>();
            for (PcrValues.PcrId id : PcrValues.selected(expected.requiredPcrs())) {
                if (!selected.contains(id)) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                return new Verdict.SelectionNotCovered(missing);
            }
        }
        return null;
    }

    /** The quoted digest against H_sigHash(selected values in selection order). */
    private static Check pcrDigestCheck(TpmsAttest attest, PcrValues values, int sigHash) {
        if (!(attest.attested() instanceof TpmuAttest.QuoteInfo q)) {
            return new Check.NotChecked("not a quote");
        }
        if (values == null) {
            return new Check.NotChecked("no PCR values given");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (PcrValues.PcrId id : PcrValues.selected(q.pcrSelect())) {
            Bytes v = values.value(id.hashAlg(), id.pcr());
            if (v == null) {
                return new Check.Differs("no value for PCR " + id);
            }
            all.writeBytes(v.toByteArray());
        }
        byte[] digest = TpmHash.hash(sigHash, all.toByteArray());
        return MessageDigest.isEqual(digest, q.pcrDigest().toByteArray()) ? new Check.Matches()
                : new Check.Differs("the quote's pcrDigest " + q.pcrDigest().toHex() + " is not the "
                        + TpmAlgId.name(sigHash) + " digest of the PCR values given (" + Bytes.of(digest).toHex()
                        + ")");
    }

    /** Null when {@code now} does not go back from {@code before} (same reset and restart epoch), else why. */
    private static String clockProblem(TpmsClockInfo before, TpmsClockInfo now) {
        if (before == null) {
            return null;
        }
        if (Integer.compareUnsigned(now.resetCount(), before.resetCount()) < 0) {
            return "resetCount went from " + Integer.toUnsignedString(before.resetCount()) + " to "
                    + Integer.toUnsignedString(now.resetCount());
        }
        if (now.resetCount() == before.resetCount()
                && Integer.compareUnsigned(now.restartCount(), before.restartCount()) < 0) {
            return "restartCount went from " + Integer.toUnsignedString(before.restartCount()) + " to "
                    + Integer.toUnsignedString(now.restartCount());
        }
        if (now.resetCount() == before.resetCount() && now.restartCount() == before.restartCount()
                && Long.compareUnsigned(now.clock(), before.clock()) < 0) {
            return "clock went from " + Long.toUnsignedString(before.clock()) + " to "
                    + Long.toUnsignedString(now.clock()) + " ms";
        }
        return null;
    }

    private static Check notChecked() {
        return new Check.NotChecked("an earlier check failed");
    }

    private static AttestationReport failed(Verdict v, byte[] message, TpmsAttest attest) {
        Check sig = v instanceof Verdict.Malformed ? new Check.NotChecked("the signature does not decode")
                : new Check.Differs(((Verdict.SchemeMismatch) v).why());
        return new AttestationReport(v, sig, notChecked(), notChecked(), Bytes.of(message), attest);
    }
}

package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.attest.eventlog.PcrComparison;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compromised device against the verifier, with real quotes from swtpm: values the quote does not cover (another
 * PCR, another bank, anything beside an empty selection) are refused, never compared as if vouched for; a quote that
 * covers less than the verifier requires is refused; a TPM that quotes less than asked makes {@link Quoter} fail; and
 * a key whose public area shows it is not a restricted signing key is not accepted as an AK.
 */
class QuoteCoverageAttackTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    static Swtpm sim;
    static Tpm tpm;
    static int srk;
    static int ak;
    static TpmtPublic akPublic;

    @BeforeAll
    static void start() {
        sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256"));
        tpm = sim.openTpm();
        DevicePcrs.extend(tpm, 7, List.of(new TpmtHa(TpmAlgId.SHA256, Bytes.of(new byte[32])),
                new TpmtHa(TpmAlgId.SHA1, Bytes.of(new byte[20]))));
        CreatePrimary.Response p = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        srk = p.objectHandle();
        Create.Response c = tpm.execute(Create.of(srk, KeyTemplates.AK_ECC_P256), PasswordSession.empty());
        ak = tpm.execute(new Load(srk, c.outPrivate(), c.outPublic()), PasswordSession.empty()).objectHandle();
        akPublic = c.outPublic();
    }

    @AfterAll
    static void stop() {
        if (tpm != null) {
            tpm.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static Bytes nonce() {
        byte[] n = new byte[32];
        RANDOM.nextBytes(n);
        return Bytes.of(n);
    }

    private static AttestationReport verify(Attested q, Bytes nonce, PcrValues values) {
        return AttestationVerifier.verifyQuote(AttestationKey.of(akPublic), q.message(), q.signature(),
                Expectations.nonce(nonce).withPcrValues(values));
    }

    @Test
    void aForgedValueBesideTheQuotedOnesIsRefused() {
        Bytes n = nonce();
        Attested q = Quoter.quote(tpm, ak, new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0))), n);
        PcrValues superset = q.pcrValues().with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));
        AttestationReport r = verify(q, n, superset);
        assertFalse(r.valid(), "a value the quote does not cover was accepted: " + r);
        assertEquals("pcr-not-quoted", r.verdict().code());
        // the honest values alone are valid, and exactly they are what the quote vouches for
        AttestationReport honest = verify(q, n, q.pcrValues());
        assertTrue(honest.valid(), honest.toString());
        assertEquals(q.pcrValues(), honest.quotedPcrs());
    }

    @Test
    void aForgedValueInAnotherBankIsRefused() {
        Bytes n = nonce();
        Attested q = Quoter.quote(tpm, ak, new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 7))),
                n);
        PcrValues otherBank = q.pcrValues().with(TpmAlgId.SHA1, 7, Bytes.of(new byte[20]));
        AttestationReport r = verify(q, n, otherBank);
        assertFalse(r.valid(), "a value in an unquoted bank was accepted: " + r);
        assertEquals("pcr-not-quoted", r.verdict().code());
    }

    @Test
    void valuesBesideAnEmptySelectionAreRefused() {
        Bytes n = nonce();
        Attested q = Quoter.quote(tpm, ak, TpmlPcrSelection.EMPTY, n);
        PcrValues forged = PcrValues.EMPTY.with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));
        AttestationReport r = verify(q, n, forged);
        assertFalse(r.valid(), "values beside an empty selection were accepted: " + r);
        // an empty quote vouches for no PCR: the replay cannot be compared with it
        AttestationReport empty = verify(q, n, PcrValues.EMPTY);
        assertTrue(empty.valid());
        assertEquals(PcrValues.EMPTY, empty.quotedPcrs());
    }

    @Test
    void aQuoteThatCoversLessThanRequiredIsRefused() {
        Bytes n = nonce();
        Attested q = Quoter.quote(tpm, ak, new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0))), n);
        AttestationReport r = AttestationVerifier.verifyQuote(AttestationKey.of(akPublic), q.message(),
                q.signature(), Expectations.nonce(n).withPcrValues(q.pcrValues()).withRequiredPcrs(
                        new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 7)))));
        Verdict.SelectionNotCovered v = assertInstanceOf(Verdict.SelectionNotCovered.class, r.verdict());
        assertEquals(List.of(new PcrValues.PcrId(TpmAlgId.SHA256, 7)), v.missing());
    }

    @Test
    void aQuoteOfABankTheTpmLacksFailsInsteadOfQuotingNothing() {
        TpmlPcrSelection sha512 = new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA512, 0, 7)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Quoter.quote(tpm, ak, sha512, nonce()));
        assertTrue(e.getMessage().contains("sha512:0"), e.getMessage());
    }

    @Test
    void aQuoteWithoutANonceIsNotValid() {
        Bytes n = nonce();
        Attested q = Quoter.quote(tpm, ak, new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0))), n);
        AttestationReport r = AttestationVerifier.verifyQuote(AttestationKey.of(akPublic), q.message(),
                q.signature(), new Expectations(null, null, null, q.pcrValues(), null));
        assertInstanceOf(Verdict.NonceNotChecked.class, r.verdict());
        AttestationReport offline = AttestationVerifier.verifyQuote(AttestationKey.of(akPublic), q.message(),
                q.signature(), Expectations.withoutNonce().withPcrValues(q.pcrValues()));
        assertTrue(offline.valid(), offline.toString());
    }

    @Test
    void theReplayIsNeverSaidToMatchNothing() {
        assertInstanceOf(PcrComparison.NotChecked.class, dev.tpm2j.attest.eventlog.EventLog.parse(
                new dev.tpm2j.attest.SyntheticLog().toBytes()).replay().compareWith(PcrValues.EMPTY));
    }

    @Test
    void aNonRestrictedSigningKeyIsNotAnAk() {
        TpmtPublic template = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256,
                KeyTemplates.AK_ATTRIBUTES.without(TpmaObject.RESTRICTED), Bytes.EMPTY,
                KeyTemplates.AK_ECC_P256.parameters(), KeyTemplates.AK_ECC_P256.unique());
        Create.Response c = tpm.execute(Create.of(srk, template), PasswordSession.empty());
        int key = tpm.execute(new Load(srk, c.outPrivate(), c.outPublic()), PasswordSession.empty()).objectHandle();
        try {
            Bytes n = nonce();
            Attested q = Quoter.quote(tpm, key, new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256,
                    0))), n);
            AttestationReport r = AttestationVerifier.verifyQuote(AttestationKey.of(c.outPublic()), q.message(),
                    q.signature(), Expectations.nonce(n).withPcrValues(q.pcrValues()));
            assertFalse(r.valid(), "a key that can sign anything passed as an AK");
            assertEquals("not-an-attestation-key", r.verdict().code());
        } finally {
            tpm.flushContext(key);
        }
    }
}

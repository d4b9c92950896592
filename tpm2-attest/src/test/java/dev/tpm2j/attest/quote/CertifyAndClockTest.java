package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.simulator.SwtpmExtension;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certify and the clock check on a real swtpm: an AK certifies a second key; the certify verifies, binds the key's
 * name, is refused as a quote (wrong type) and with another name; a later attestation presented as the earlier one
 * shows the clock going back.
 */
@ExtendWith(SwtpmExtension.class)
class CertifyAndClockTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void certifyBindsTheKeyNameAndTheClockMustNotGoBack(Tpm tpm) throws Exception {
        CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        try {
            Create.Response akC = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_RSA2048),
                    PasswordSession.empty());
            Load.Response ak = tpm.execute(new Load(srk.objectHandle(), akC.outPrivate(), akC.outPublic()),
                    PasswordSession.empty());
            Create.Response keyC = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                    PasswordSession.empty());
            Load.Response key = tpm.execute(new Load(srk.objectHandle(), keyC.outPrivate(), keyC.outPublic()),
                    PasswordSession.empty());
            try {
                byte[] nonce = new byte[16];
                RANDOM.nextBytes(nonce);
                Certify.Response c = tpm.execute(new Certify(key.objectHandle(), ak.objectHandle(), Bytes.of(nonce),
                        TpmtSigScheme.NULL), PasswordSession.empty(), PasswordSession.empty());
                AttestationKey akKey = AttestationKey.of(akC.outPublic());
                Expectations exp = Expectations.nonce(Bytes.of(nonce)).withCertifiedName(key.name());
                AttestationReport ok = AttestationVerifier.verifyCertify(akKey, c.attestBytes(), c.signature(), exp);
                assertInstanceOf(Verdict.Valid.class, ok.verdict(), ok.toString());
                assertInstanceOf(Check.NotChecked.class, ok.pcrDigest());
                assertInstanceOf(Verdict.CertifiedNameMismatch.class, AttestationVerifier.verifyCertify(akKey,
                        c.attestBytes(), c.signature(), exp.withCertifiedName(ak.name())).verdict());
                Verdict.WrongType wt = assertInstanceOf(Verdict.WrongType.class, AttestationVerifier.verifyQuote(
                        akKey, c.attestBytes(), c.signature(), exp).verdict());
                assertEquals(TpmSt.ATTEST_QUOTE, wt.expected());
                assertEquals(TpmSt.ATTEST_CERTIFY, wt.actual());

                Thread.sleep(20);
                Attested later = Quoter.quote(tpm, ak.objectHandle(), new TpmlPcrSelection(List.of(
                        TpmsPcrSelection.of(TpmAlgId.SHA256, 0))), Bytes.of(nonce));
                AttestationReport laterReport = AttestationVerifier.verifyQuote(akKey, later.message(),
                        later.signature(), Expectations.nonce(Bytes.of(nonce)).withPreviousClock(
                                ok.attest().clockInfo()));
                assertInstanceOf(Verdict.Valid.class, laterReport.verdict(), laterReport.toString());
                // presenting the earlier attestation after the later one: the clock went back
                assertInstanceOf(Verdict.ClockNotMonotonic.class, AttestationVerifier.verifyCertify(akKey,
                        c.attestBytes(), c.signature(), exp.withPreviousClock(laterReport.attest().clockInfo()))
                        .verdict());
            } finally {
                tpm.flushContext(key.objectHandle());
                tpm.flushContext(ak.objectHandle());
            }
        } finally {
            tpm.flushContext(srk.objectHandle());
        }
    }
}

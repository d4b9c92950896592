package dev.tpm2j.ca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.keyattest.KeyCertifier;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys a device asks the reference key attestation CA to certify, on swtpm with a chained EK: the certificate's key
 * usage follows what the key can do (a decrypt-only key is not certified for signatures), and a key below the
 * minimum size is not certified at all.
 */
class KeyAttestationCaAttackTest {
    static Swtpm sim;
    static Tpm tpm;
    static KeyAttestationCa ca;

    @BeforeAll
    static void start() throws Exception {
        sim = Swtpm.start(Profile.INTEL_ODCA);
        tpm = sim.openTpm();
        TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                .withIntermediatesFrom(sim.provisioned().intermediatesPem());
        ca = new KeyAttestationCa(trust, Set.of(), Clock.systemUTC(), Duration.ofMinutes(5));
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

    private static X509Certificate attest(TpmtPublic keyTemplate) throws AttestationException {
        EkInventory inv = EkInventory.read(tpm);
        EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
        CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
        try {
            KeyAttestationCa.Challenge ch = ca.challenge(new KeyAttestationCa.EkEvidence(ekKey.outPublic(),
                    new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                    inv.chainCertificates()), ak.publicArea(), ak.name());
            byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                    ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), ch.credential());
            tpm.flushContext(ekKey.objectHandle());
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(), ak.handle(),
                    keyTemplate, ch.certifyNonce());
            tpm.flushContext(key.handle());
            tpm.flushContext(srk.objectHandle());
            return ca.complete(ch.id(), answer, key.publicArea(), key.certify().message(), key.certify().signature());
        } finally {
            tpm.flushQuietly(ak.handle());
            tpm.flushQuietly(ekKey.objectHandle());
        }
    }

    private static TpmtPublic rsa(int bits, TpmaObject attributes) {
        return new TpmtPublic(KeyCertifier.SIGNING_RSA2048.type(), KeyCertifier.SIGNING_RSA2048.nameAlg(), attributes,
                KeyCertifier.SIGNING_RSA2048.authPolicy(), new TpmsRsaParms(TpmtSymDef.NULL, TpmtRsaScheme.NULL,
                bits, 0), KeyCertifier.SIGNING_RSA2048.unique());
    }

    @Test
    void aDecryptOnlyKeyIsNotCertifiedForSignatures() throws Exception {
        TpmaObject decryptOnly = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
                TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH, TpmaObject.DECRYPT);
        X509Certificate cert = attest(rsa(2048, decryptOnly));
        boolean[] usage = cert.getKeyUsage();
        assertFalse(usage[0], "a decrypt-only key was certified for digitalSignature");
        assertTrue(usage[2], "a decrypt key is certified for keyEncipherment");
        // and the usual signing key still gets digitalSignature only
        boolean[] signing = attest(KeyCertifier.SIGNING_ECC_P256).getKeyUsage();
        assertTrue(signing[0]);
        assertFalse(signing[2]);
    }

    @Test
    void anRsa1024KeyIsNotCertified() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> attest(rsa(1024, KeyCertifier.SIGNING_ATTRIBUTES)));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }
}

package dev.tpm2j.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.keyattest.KeyCertifier;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.ToolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key attestation end to end on swtpm: EK trust decided (chained certificate on the intel-odca profile, allow-listed
 * key without a certificate), the AK activated, a new key certified, and a certificate issued whose issuance policy
 * OpenSSL reads as 1.3.6.1.4.1.311.21.31 or .30; refusals for an untrusted EK, a wrong answer, a replayed challenge
 * and a key without fixedTPM.
 */
class KeyAttestationCaTest {
    record Issued(X509Certificate cert, TpmtPublic key) {
    }

    private static Issued attest(Tpm tpm, KeyAttestationCa ca, boolean presentCertificate, TpmtPublic keyTemplate)
            throws AttestationException {
        EkInventory inv = EkInventory.read(tpm);
        EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
        CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
        try {
            KeyAttestationCa.EkEvidence evidence = presentCertificate
                    ? new KeyAttestationCa.EkEvidence(ekKey.outPublic(),
                            new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                            inv.chainCertificates())
                    : new KeyAttestationCa.EkEvidence(ekKey.outPublic(), null, List.of());
            KeyAttestationCa.Challenge ch = ca.challenge(evidence, ak.publicArea(), ak.name());
            byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                    ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), ch.credential());
            tpm.flushContext(ekKey.objectHandle());
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(), ak.handle(),
                    keyTemplate, ch.certifyNonce());
            tpm.flushContext(key.handle());
            tpm.flushContext(srk.objectHandle());
            X509Certificate cert = ca.complete(ch.id(), answer, key.publicArea(), key.certify().message(),
                    key.certify().signature());
            AttestationException replay = assertThrows(AttestationException.class, () -> ca.complete(ch.id(),
                    answer, key.publicArea(), key.certify().message(), key.certify().signature()));
            assertTrue(replay.getMessage().contains("already used"));
            return new Issued(cert, key.publicArea());
        } finally {
            tpm.flushQuietly(ak.handle());
            tpm.flushQuietly(ekKey.objectHandle());
        }
    }

    private static String openssl(X509Certificate cert, Path dir) throws Exception {
        Path f = dir.resolve("key.der");
        Files.write(f, cert.getEncoded());
        ToolProcess.Result r = ToolProcess.run(List.of(Swtpm.findExecutable("openssl"), "x509", "-inform", "DER",
                "-in", f.toString(), "-noout", "-text"), Map.of(), Duration.ofSeconds(30), true);
        assertEquals(0, r.exitCode(), r.stdout());
        return r.stdout();
    }

    @Test
    void chainedEkGivesEkVerifyCertAndAllowListedEkGivesEkVerifyKey(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem());
            KeyAttestationCa ca = new KeyAttestationCa(trust, Set.of(), Clock.systemUTC(), Duration.ofMinutes(5));
            Issued chained = attest(tpm, ca, true, KeyCertifier.SIGNING_RSA2048);
            chained.cert().verify(ca.certificate().getPublicKey());
            assertTrue(PublicKeys.sameKey(chained.cert().getPublicKey(), chained.key()));
            assertTrue(openssl(chained.cert(), dir).contains("Policy: 1.3.6.1.4.1.311.21.31"));

            // no certificate presented and the EK not on the list: refused
            AttestationException untrusted = assertThrows(AttestationException.class,
                    () -> attest(tpm, ca, false, KeyCertifier.SIGNING_ECC_P256));
            assertTrue(untrusted.getMessage().contains("allow list"), untrusted.getMessage());

            EkInventory.EkCertificate ek = EkInventory.read(tpm).primaryEkCertificate().orElseThrow();
            CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
            tpm.flushContext(ekKey.objectHandle());
            KeyAttestationCa listing = new KeyAttestationCa(TrustBundle.empty(),
                    Set.of(KeyAttestationCa.ekKeyDigest(ekKey.outPublic())), Clock.systemUTC(), Duration.ofMinutes(5));
            Issued listed = attest(tpm, listing, false, KeyCertifier.SIGNING_ECC_P256);
            assertTrue(openssl(listed.cert(), dir).contains("Policy: 1.3.6.1.4.1.311.21.30"));
            assertTrue(PublicKeys.sameKey(listed.cert().getPublicKey(), listed.key()));

            // a key that could leave the TPM is not certified
            TpmtPublic t = KeyCertifier.SIGNING_ECC_P256;
            TpmtPublic movable = new TpmtPublic(t.type(), t.nameAlg(), TpmaObject.of(
                    TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH, TpmaObject.SIGN_ENCRYPT),
                    t.authPolicy(), t.parameters(), t.unique());
            AttestationException notFixed = assertThrows(AttestationException.class,
                    () -> attest(tpm, ca, true, movable));
            assertTrue(notFixed.getMessage().contains("fixedTPM"), notFixed.getMessage());
        }
    }

    @Test
    void wrongAnswerIsRefused() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem());
            KeyAttestationCa ca = new KeyAttestationCa(trust, Set.of(), Clock.systemUTC(), Duration.ofMinutes(5));
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
            CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
            try {
                KeyAttestationCa.Challenge ch = ca.challenge(new KeyAttestationCa.EkEvidence(ekKey.outPublic(),
                        new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                        inv.chainCertificates()), ak.publicArea(), ak.name());
                assertInstanceOf(EkTrust.ChainedCertificate.class, ch.ekTrust());
                AttestationException e = assertThrows(AttestationException.class, () -> ca.complete(ch.id(),
                        new byte[32], ak.publicArea(), dev.tpm2j.core.marshal.Bytes.EMPTY,
                        dev.tpm2j.core.types.TpmtSignature.NULL));
                assertTrue(e.getMessage().contains("wrong answer"), e.getMessage());
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ekKey.objectHandle());
            }
        }
    }
}

package dev.tpm2j.ca;

import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.TpmCertificates;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole AIK enrollment against a simulator provisioned like Intel PTT, and every refusal of the reference CA. */
class AttestationCaTest {
    static Swtpm sim;

    @BeforeAll
    static void start() {
        sim = Swtpm.start(Profile.INTEL_ODCA);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A clock tests can move. */
    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Device(EkInventory inventory, EkInventory.EkCertificate ek, CreatePrimary.Response ekObject,
                  AikActivation.LoadedAk ak) {
    }

    static Device device(Tpm tpm, TpmtPublic akTemplate) {
        EkInventory inv = EkInventory.read(tpm);
        EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
        CreatePrimary.Response ekObject = tpm.createPrimary(Authorization.endorsement(), ek.slot().defaultTemplate());
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), akTemplate);
        return new Device(inv, ek, ekObject, ak);
    }

    static TrustBundle trust() throws Exception {
        return TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                .withIntermediatesFrom(sim.provisioned().intermediatesPem());
    }

    @Test
    void fullEnrollmentIssuesAVerifiableAikCertificate() throws Exception {
        AttestationCa ca = AttestationCa.create(trust());
        try (Tpm tpm = sim.openTpm()) {
            Device d = device(tpm, KeyTemplates.AK_RSA2048);
            try {
                AttestationCa.Challenge ch = ca.challenge(new EkChain.Sourced(d.ek().certificate().orElseThrow(),
                        "nv:" + d.ek().handle()), d.inventory().chainCertificates(), d.ekObject().outPublic(),
                        d.ak().publicArea(), d.ak().name());
                byte[] answer = AikActivation.activate(tpm, d.ak().handle(), PasswordSession.empty(),
                        d.ekObject().objectHandle(), d.ekObject().outPublic(), Authorization.endorsement(),
                        ch.credential());
                Instant before = Instant.now();
                X509Certificate aik = ca.complete(ch.id(), answer);
                aik.verify(ca.certificate().getPublicKey());
                assertTrue(PublicKeys.sameKey(aik.getPublicKey(), d.ak().publicArea()), "subject key = AK");
                assertEquals(List.of(AttestationCa.AIK_CERTIFICATE_EKU), aik.getExtendedKeyUsage());
                assertTrue(aik.getNotBefore().toInstant().isBefore(before.minus(Duration.ofMinutes(9))),
                        "back-dated by 10 minutes");
                TpmCertificate parsed = TpmCertificates.parse(aik.getEncoded());
                assertEquals("id:494E5443", parsed.tpm().orElseThrow().manufacturer(), "SAN from the EK certificate");
                assertEquals("PTT-SIM", parsed.tpm().orElseThrow().model());
                assertThrows(AttestationException.class, () -> ca.complete(ch.id(), answer), "single use");
                assertEquals(0, ca.pendingChallenges());
            } finally {
                tpm.flushQuietly(d.ak().handle());
                tpm.flushQuietly(d.ekObject().objectHandle());
            }
        }
    }

    @Test
    void wrongAndLateAnswersAreRefused() throws Exception {
        MovableClock clock = new MovableClock();
        AttestationCa ca = new AttestationCa(trust(), clock, Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofDays(1));
        try (Tpm tpm = sim.openTpm()) {
            Device d = device(tpm, KeyTemplates.AK_ECC_P256);
            try {
                EkChain.Sourced ekCert = new EkChain.Sourced(d.ek().certificate().orElseThrow(), "nv:" + d.ek().handle());
                AttestationCa.Challenge ch = ca.challenge(ekCert, d.inventory().chainCertificates(),
                        d.ekObject().outPublic(), d.ak().publicArea(), d.ak().name());
                AttestationException wrong = assertThrows(AttestationException.class,
                        () -> ca.complete(ch.id(), new byte[32]));
                assertTrue(wrong.getMessage().startsWith("wrong answer"), wrong.getMessage());

                AttestationCa.Challenge late = ca.challenge(ekCert, d.inventory().chainCertificates(),
                        d.ekObject().outPublic(), d.ak().publicArea(), d.ak().name());
                byte[] answer = AikActivation.activate(tpm, d.ak().handle(), PasswordSession.empty(),
                        d.ekObject().objectHandle(), d.ekObject().outPublic(), Authorization.endorsement(),
                        late.credential());
                clock.now = clock.now.plus(Duration.ofMinutes(6));
                AttestationException expired = assertThrows(AttestationException.class,
                        () -> ca.complete(late.id(), answer));
                assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
            } finally {
                tpm.flushQuietly(d.ak().handle());
                tpm.flushQuietly(d.ekObject().objectHandle());
            }
        }
    }

    @Test
    void badAksEksAndChainsAreRefusedBeforeAnyChallenge() throws Exception {
        AttestationCa ca = AttestationCa.create(trust());
        try (Tpm tpm = sim.openTpm()) {
            Device d = device(tpm, KeyTemplates.AK_RSA2048);
            try {
                EkChain.Sourced ekCert = new EkChain.Sourced(d.ek().certificate().orElseThrow(), "nv:" + d.ek().handle());
                List<EkChain.Sourced> nv = d.inventory().chainCertificates();
                TpmtPublic ek = d.ekObject().outPublic();
                for (int[] change : new int[][] {{TpmaObject.DECRYPT, 1}, {TpmaObject.FIXED_TPM, 0},
                        {TpmaObject.RESTRICTED, 0}, {TpmaObject.SENSITIVE_DATA_ORIGIN, 0}}) {
                    TpmaObject attrs = change[1] == 1 ? d.ak().publicArea().objectAttributes().with(change[0])
                            : d.ak().publicArea().objectAttributes().without(change[0]);
                    TpmtPublic bad = new TpmtPublic(d.ak().publicArea().type(), d.ak().publicArea().nameAlg(), attrs,
                            d.ak().publicArea().authPolicy(), d.ak().publicArea().parameters(),
                            d.ak().publicArea().unique());
                    AttestationException e = assertThrows(AttestationException.class,
                            () -> ca.challenge(ekCert, nv, ek, bad, Names.object(bad)));
                    assertTrue(e.getMessage().startsWith("attestation key refused"), e.getMessage());
                }
                AttestationException name = assertThrows(AttestationException.class, () -> ca.challenge(ekCert, nv, ek,
                        d.ak().publicArea(), Names.object(KeyTemplates.AK_RSA2048)));
                assertTrue(name.getMessage().contains("is not the name of the AK public area"), name.getMessage());

                AttestationException otherEk = assertThrows(AttestationException.class, () -> ca.challenge(ekCert, nv,
                        d.ak().publicArea(), d.ak().publicArea(), d.ak().name()));
                assertTrue(otherEk.getMessage().contains("is not the key in the EK certificate"), otherEk.getMessage());

                AttestationException chain = assertThrows(AttestationException.class, () -> ca.challenge(ekCert,
                        List.of(), ek, d.ak().publicArea(), d.ak().name()));
                assertTrue(chain.getMessage().startsWith("EK certificate not trusted: untrusted: missing link"),
                        chain.getMessage());
                assertEquals(0, ca.pendingChallenges());
            } finally {
                tpm.flushQuietly(d.ak().handle());
                tpm.flushQuietly(d.ekObject().objectHandle());
            }
        }
    }

    @Test
    void akPolicyAcceptsTheStandardAks() {
        for (TpmtPublic template : new TpmtPublic[] {KeyTemplates.AK_RSA2048, KeyTemplates.AK_ECC_P256}) {
            // AkPolicy checks the key material too, so the templates get a real key
            TpmtPublic t = PublicKeys.withKey(template, template.type() == dev.tpm2j.core.types.TpmAlgId.RSA
                    ? TestCerts.rsa(2048).getPublic() : TestCerts.ec("secp256r1").getPublic());
            assertEquals(List.of("the AK lacks fixedTPM"), AkPolicy.problems(
                    new TpmtPublic(t.type(), t.nameAlg(), t.objectAttributes().without(TpmaObject.FIXED_TPM),
                            t.authPolicy(), t.parameters(), t.unique()),
                    Names.object(new TpmtPublic(t.type(), t.nameAlg(), t.objectAttributes().without(
                            TpmaObject.FIXED_TPM), t.authPolicy(), t.parameters(), t.unique()))));
            assertEquals(List.of(), AkPolicy.problems(t, Names.object(t)));
        }
    }
}

package dev.tpm2j.ca;

import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.EkChain;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The README's AIK enrollment example, compiled and run against the intel-odca simulator. */
class AikEnrollmentExampleTest {

    static void enroll(Tpm tpm, AttestationCa ca, PrintStream out) throws Exception {
        // --- begin README example enroll
        EkInventory inventory = EkInventory.read(tpm);
        EkInventory.EkCertificate ek = inventory.primaryEkCertificate().orElseThrow();
        CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
        try {
            // the verifier checks the EK chain, the EK and the AK, then encrypts a secret to the EK, bound to the AK
            AttestationCa.Challenge challenge = ca.challenge(
                    new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                    inventory.chainCertificates(), ekKey.outPublic(), ak.publicArea(), ak.name());
            // only this TPM, holding this AK, can recover it (over an EK-salted, encrypting session)
            byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                    ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), challenge.credential());
            X509Certificate aik = ca.complete(challenge.id(), answer);
            out.println("AIK certificate issued by " + aik.getIssuerX500Principal() + ", EKU "
                    + aik.getExtendedKeyUsage());
        } finally {
            tpm.flushContext(ak.handle());
            tpm.flushContext(ekKey.objectHandle());
        }
        // --- end README example enroll
    }

    @Test
    void exampleEnrolls() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            AttestationCa ca = AttestationCa.create(TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem()));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            enroll(tpm, ca, new PrintStream(buf, true, StandardCharsets.UTF_8));
            String text = buf.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("AIK certificate issued by CN=tpm2j reference AIK CA, EKU [2.23.133.8.3]"), text);
        }
    }
}

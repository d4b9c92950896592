package dev.tpm2j.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.testing.TestCerts;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The path-building denial-of-service input of issue 13 sent to the CA: eight self-issued "CN=X" certificates with
 * one key in the NV chain. The CA refuses the EK certificate with the chain's reason, holds no challenge, and the
 * search does two signature checks (asserted on the work counters, never on wall-clock time).
 */
class AttestationCaPathAttackTest {

    @Test
    void eightCertificateNvChainThroughTheAttestationCaIsRefusedQuickly() throws Exception {
        KeyPair x = TestCerts.ec("secp256r1");
        List<EkChain.Sourced> nv = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nv.add(new EkChain.Sourced(TestCerts.tc(TestCerts.root("CN=X", x)), "nv:0x01c00100"));
        }
        KeyPair ekKey = TestCerts.ec("secp256r1");
        X509Certificate ekCert = TestCerts.spec().issuedBy("CN=X", x.getPrivate()).key(ekKey.getPublic()).ek().build();
        EkChain.Sourced ek = new EkChain.Sourced(TestCerts.tc(ekCert), "nv:0x01c00002");
        int bytes = nv.stream().mapToInt(s -> s.certificate().der().length).sum();
        assertTrue(bytes < 4096, "a few KB of NV: " + bytes);

        TrustBundle unrelated = TrustBundle.empty().withAnchors(
                List.of(TestCerts.tc(TestCerts.root("CN=Genuine Root", TestCerts.ec("secp256r1")))));
        AttestationCa ca = AttestationCa.create(unrelated);
        TpmtPublic ekPublic = PublicKeys.withKey(KeyTemplates.SRK_ECC_P256, ekCert.getPublicKey());
        TpmtPublic ak = PublicKeys.withKey(KeyTemplates.AK_ECC_P256, TestCerts.ec("secp256r1").getPublic());
        AttestationException e = assertThrows(AttestationException.class,
                () -> ca.challenge(ek, nv, ekPublic, ak, Names.object(ak)));
        assertTrue(e.getMessage().startsWith("EK certificate not trusted: untrusted: self-signed certificate 'CN=X'"),
                e.getMessage());
        assertEquals(0, ca.pendingChallenges());
        EkChain.Result r = EkChain.verify(ek, nv, unrelated, List.of(), Instant.now(), null);
        assertEquals(2, r.work().signatureChecks());
    }
}

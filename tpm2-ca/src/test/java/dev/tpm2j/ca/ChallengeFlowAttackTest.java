package dev.tpm2j.ca;

import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The challenge flow both reference CAs share, attacked with software keys: a weak EK at the key attestation CA (its
 * allow list or a chain must not excuse an RSA-1024 EK), one EK flooding the pending challenges of either CA (a
 * per-EK quota keeps the global cap for everyone else), and challenges that are never answered (they expire and are
 * dropped).
 */
class ChallengeFlowAttackTest {
    final KeyPair root = TestCerts.ec("secp384r1");
    final TrustBundle trust = TrustBundle.empty().withAnchors(List.of(TestCerts.tc(TestCerts.root("CN=EK Root", root))));
    final TpmtPublic ak = PublicKeys.withKey(KeyTemplates.AK_ECC_P256, TestCerts.ec("secp256r1").getPublic());

    EkChain.Sourced ekCertificate(PublicKey ek) {
        return new EkChain.Sourced(TestCerts.tc(TestCerts.spec().issuedBy("CN=EK Root", root.getPrivate()).key(ek).ek()
                .build()), "nv:0x01c00002");
    }

    static TpmtPublic rsaEk(PublicKey ek) {
        TpmtPublic t = EkTemplates.L1_RSA2048;
        byte[] n = PublicKeys.fixedWidth(((RSAPublicKey) ek).getModulus(),
                (((RSAPublicKey) ek).getModulus().bitLength() + 7) / 8).toByteArray();
        return new TpmtPublic(t.type(), t.nameAlg(), t.objectAttributes(), t.authPolicy(), t.parameters(),
                new Tpm2bPublicKeyRsa(Bytes.of(n)));
    }

    @Test
    void aWeakAllowListedEkIsRefusedByTheKeyAttestationCa() {
        TpmtPublic weak = rsaEk(TestCerts.rsa(1024).getPublic());
        KeyAttestationCa ca = new KeyAttestationCa(TrustBundle.empty(), Set.of(KeyAttestationCa.ekKeyDigest(weak)),
                new AttestationCaTest.MovableClock(), Duration.ofMinutes(5));
        AttestationException e = assertThrows(AttestationException.class, () -> ca.challenge(
                new KeyAttestationCa.EkEvidence(weak, null, List.of()), ak, Names.object(ak)));
        assertTrue(e.getMessage().contains("RSA 1024 EK is below the minimum"), e.getMessage());
    }

    @Test
    void aWeakChainedEkIsRefusedByTheKeyAttestationCa() {
        PublicKey weakKey = TestCerts.rsa(1024).getPublic();
        KeyAttestationCa ca = new KeyAttestationCa(trust, Set.of(), new AttestationCaTest.MovableClock(),
                Duration.ofMinutes(5));
        AttestationException e = assertThrows(AttestationException.class, () -> ca.challenge(
                new KeyAttestationCa.EkEvidence(rsaEk(weakKey), ekCertificate(weakKey), List.of()), ak,
                Names.object(ak)));
        assertTrue(e.getMessage().contains("RSA 1024 EK is below the minimum"), e.getMessage());
    }

    @Test
    void oneEkCannotFillTheAttestationCasPendingChallenges() throws Exception {
        AttestationCa ca = AttestationCa.create(trust);
        KeyPair flooder = TestCerts.ec("secp256r1");
        TpmtPublic ekPublic = PublicKeys.withKey(EkTemplates.L2_ECC_P256, flooder.getPublic());
        EkChain.Sourced cert = ekCertificate(flooder.getPublic());
        AttestationException e = assertThrows(AttestationException.class, () -> {
            for (int i = 0; i < 100; i++) {
                ca.challenge(cert, List.of(), ekPublic, ak, Names.object(ak));
            }
        });
        assertTrue(e.getMessage().contains("this EK"), e.getMessage());
        assertTrue(ca.pendingChallenges() <= InMemoryChallengeStore.DEFAULT_MAX_PER_EK, "" + ca.pendingChallenges());
        // everyone else still gets a challenge
        KeyPair other = TestCerts.ec("secp256r1");
        ca.challenge(ekCertificate(other.getPublic()), List.of(),
                PublicKeys.withKey(EkTemplates.L2_ECC_P256, other.getPublic()), ak, Names.object(ak));
    }

    @Test
    void oneEkCannotFillTheKeyAttestationCasPendingChallengesAndUnansweredOnesExpire() throws Exception {
        AttestationCaTest.MovableClock clock = new AttestationCaTest.MovableClock();
        KeyPair flooder = TestCerts.ec("secp256r1");
        TpmtPublic ekPublic = PublicKeys.withKey(EkTemplates.L2_ECC_P256, flooder.getPublic());
        KeyAttestationCa ca = new KeyAttestationCa(TrustBundle.empty(),
                Set.of(KeyAttestationCa.ekKeyDigest(ekPublic)), clock, Duration.ofMinutes(5));
        KeyAttestationCa.EkEvidence ek = new KeyAttestationCa.EkEvidence(ekPublic, null, List.of());
        AttestationException e = assertThrows(AttestationException.class, () -> {
            for (int i = 0; i < 100; i++) {
                ca.challenge(ek, ak, Names.object(ak));
            }
        });
        assertTrue(e.getMessage().contains("this EK"), e.getMessage());
        assertEquals(InMemoryChallengeStore.DEFAULT_MAX_PER_EK, ca.pendingChallenges());
        // unanswered challenges expire: after the lifetime the same EK may ask again, and a sweep empties the store
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        ca.challenge(ek, ak, Names.object(ak));
        assertEquals(1, ca.pendingChallenges());
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertEquals(1, ca.sweepExpired());
        assertEquals(0, ca.pendingChallenges());
    }
}

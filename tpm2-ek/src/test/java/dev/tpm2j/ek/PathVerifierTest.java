package dev.tpm2j.ek;

import static dev.tpm2j.ek.testing.TestCerts.spec;
import static dev.tpm2j.ek.testing.TestCerts.tc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.testing.TestCerts;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * {@link PathVerifier} on a non-EK chain, in the manner of NIST PKITS section 4.1–4.2 (valid signatures, an invalid
 * leaf signature, an expired intermediate, name chaining failure): a trust anchor, an intermediate CA and an end
 * entity certificate with digitalSignature only, built fresh for each test. The same chain under the EK leaf rules is
 * refused, since its leaf is no EK certificate.
 */
class PathVerifierTest {
    static final Instant NOW = Instant.now();
    final KeyPair rootKeys = TestCerts.ec("secp256r1");
    final KeyPair caKeys = TestCerts.ec("secp256r1");
    final KeyPair leafKeys = TestCerts.ec("secp256r1");
    final TpmCertificate root = tc(TestCerts.root("CN=Trust Anchor", rootKeys));
    final TpmCertificate ca = tc(spec().subject("CN=Good CA").issuedBy("CN=Trust Anchor", rootKeys.getPrivate())
            .key(caKeys.getPublic()).ca(null).build());
    final TrustBundle trust = TrustBundle.empty().withAnchors(List.of(root));

    TestCerts.Spec endEntity(String issuer, KeyPair signer) {
        return spec().subject("CN=Valid EE Certificate Test1").issuedBy(issuer, signer.getPrivate())
                .key(leafKeys.getPublic()).keyUsage(KeyUsage.digitalSignature);
    }

    @Test
    void validSignaturesPathIsTrustedAndTheEkLeafRulesRefuseTheSameLeaf() {
        TpmCertificate leaf = tc(endEntity("CN=Good CA", caKeys).build());
        EkChain.Result r = PathVerifier.verify(leaf, List.of(ca), trust, NOW, PathVerifier.LeafRules.ANY);
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(EkChain.Status.TRUSTED, r.status());
        assertEquals(List.of("CN=Valid EE Certificate Test1", "CN=Good CA", "CN=Trust Anchor"),
                r.chain().stream().map(l -> l.certificate().subject()).toList());
        assertEquals("CN=Trust Anchor", r.anchor().orElseThrow().subject());

        EkChain.Result ek = PathVerifier.verify(leaf, List.of(ca), trust, NOW,
                PathVerifier.LeafRules.EK_CERTIFICATE);
        assertFalse(ek.trusted());
        assertTrue(ek.problems().stream().anyMatch(p -> p.contains("neither keyEncipherment nor keyAgreement")),
                ek.problems().toString());

        // without the intermediate there is no path; with it only in the bundle's intermediates there is
        assertFalse(PathVerifier.verify(leaf, List.of(), trust, NOW, PathVerifier.LeafRules.ANY).trusted());
        assertTrue(PathVerifier.verify(leaf, List.of(), trust.withIntermediates(List.of(ca)), NOW,
                PathVerifier.LeafRules.ANY).trusted());
    }

    @Test
    void invalidEeSignatureIsRefused() {
        KeyPair impostor = TestCerts.ec("secp256r1");
        TpmCertificate leaf = tc(endEntity("CN=Good CA", impostor).build());
        EkChain.Result r = PathVerifier.verify(leaf, List.of(ca), trust, NOW, PathVerifier.LeafRules.ANY);
        assertFalse(r.trusted());
        assertEquals(EkChain.Status.UNTRUSTED, r.status());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("does not verify with the key of")),
                r.problems().toString());
    }

    @Test
    void invalidCaNotAfterDateIsRefused() {
        TestCerts.Spec expired = spec().subject("CN=Bad notAfter Date CA").issuedBy("CN=Trust Anchor",
                rootKeys.getPrivate()).key(caKeys.getPublic()).ca(null);
        expired.notBefore = NOW.minus(Duration.ofDays(30));
        expired.notAfter = NOW.minus(Duration.ofHours(1));
        TpmCertificate expiredCa = tc(expired.build());
        TpmCertificate leaf = tc(endEntity("CN=Bad notAfter Date CA", caKeys).build());
        EkChain.Result r = PathVerifier.verify(leaf, List.of(expiredCa), trust, NOW, PathVerifier.LeafRules.ANY);
        assertFalse(r.trusted());
        assertTrue(r.anchorReached(), "the path is complete, the expired CA refuses it");
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("Bad notAfter Date CA") && p.contains(
                "is not valid at")), r.problems().toString());
        // the same path at an instant inside the CA's validity is trusted
        assertTrue(PathVerifier.verify(leaf, List.of(expiredCa), trust, NOW.minus(Duration.ofHours(2)),
                PathVerifier.LeafRules.ANY).trusted());
    }

    @Test
    void invalidNameChainingIsRefusedEvenWithTheRightKey() {
        // signed by Good CA's key but naming another issuer: links go by name and signature, so no path
        TpmCertificate leaf = tc(endEntity("CN=Wrong CA Name", caKeys).build());
        EkChain.Result r = PathVerifier.verify(leaf, List.of(ca), trust, NOW, PathVerifier.LeafRules.ANY);
        assertFalse(r.trusted());
        assertFalse(r.anchorReached());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("missing link")), r.problems().toString());
        assertEquals("CN=Wrong CA Name", r.missingIssuer().orElseThrow());
    }

    @Test
    void aTrustAnchorIsNotALeafAndACaLeafIsFine() {
        EkChain.Result anchor = PathVerifier.verify(root, List.of(), trust, NOW, PathVerifier.LeafRules.ANY);
        assertFalse(anchor.trusted());
        assertTrue(anchor.problems().stream().anyMatch(p -> p.contains("is itself a trust anchor")),
                anchor.problems().toString());
        assertTrue(PathVerifier.verify(ca, List.of(), trust, NOW, PathVerifier.LeafRules.ANY).trusted());
    }
}

package dev.tpm2j.ek;

import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first certificate of a chain must be an EK certificate: real CA certificates from Intel's on-die chain, a
 * trust anchor, a TLS server certificate and an AIK certificate are all refused, whatever chain they sit on; weak
 * signature algorithms and a self-issued leaf do not slip past the allow-list and the path-length count.
 */
class EkLeafRulesTest {
    static final Instant AT = RealEkCertificatesTest.AT;
    static final Instant NOW = Instant.now();

    static EkChain.Sourced leaf(TpmCertificate c) {
        return new EkChain.Sourced(c, "nv:0x01c00002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intel-csme-adl-ptt-01svn.pem", "intel-csme-adl-svn01-kernel-ca.pem",
            "intel-odca-2-csme-p-adl-00002820-issuing-ca.pem"})
    void realOnDieCaCertificatesAreNotEkCertificates(String name) {
        List<EkChain.Sourced> onChip = RealEkCertificatesTest.nv("intel-csme-adl-rom-ca.pem",
                "intel-csme-adl-svn01-kernel-ca.pem", "intel-csme-adl-ptt-01svn.pem");
        TpmCertificate issuing = RealData.cert("intel-odca-2-csme-p-adl-00002820-issuing-ca.pem");
        EkChain.Result r = EkChain.verify(leaf(RealData.cert(name)), onChip, RealData.bundle(), List.of(issuing), AT,
                null);
        assertFalse(r.trusted(), r.verdict());
        assertEquals(EkChain.Status.UNTRUSTED, r.status());
        assertTrue(r.problems().get(0).endsWith("is a CA certificate (basicConstraints cA is set), not an EK "
                + "certificate"), r.problems().toString());
        assertTrue(r.anchorReached(), "the path itself reaches the OnDie root; only the leaf rules refuse it");
    }

    @Test
    void aTrustAnchorIsNotAnEkCertificate() {
        TpmCertificate anchor = RealData.bundle().anchors().get(0);
        EkChain.Result r = EkChain.verify(leaf(anchor), List.of(), RealData.bundle(), List.of(), AT, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).endsWith("is a trust anchor, not an EK certificate"), r.problems().toString());
    }

    record Ca(KeyPair keys, TrustBundle trust) {
        static Ca create() {
            KeyPair k = TestCerts.ec("secp384r1");
            return new Ca(k, TrustBundle.empty().withAnchors(List.of(TestCerts.tc(TestCerts.root("CN=Test Root", k)))));
        }

        EkChain.Result verify(TestCerts.Spec spec) {
            return EkChain.verify(leaf(TestCerts.tc(spec.issuedBy("CN=Test Root", keys.getPrivate()).build())),
                    List.of(), trust, List.of(), NOW, null);
        }
    }

    @Test
    void aTlsServerCertificateIsForAnotherPurpose() {
        Ca ca = Ca.create();
        EkChain.Result r = ca.verify(TestCerts.spec().subject("CN=server.example").key(TestCerts.rsa(2048).getPublic())
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).eku("1.3.6.1.5.5.7.3.1"));
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).contains("is for another purpose: its extendedKeyUsage 1.3.6.1.5.5.7.3.1 lacks "
                + "tcg-kp-EKCertificate"), r.problems().toString());
    }

    @Test
    void anAikCertificateIsNotAnEkCertificate() {
        Ca ca = Ca.create();
        EkChain.Result r = ca.verify(TestCerts.spec().subject("CN=AIK").key(TestCerts.ec("secp256r1").getPublic())
                .keyUsage(KeyUsage.digitalSignature).eku("2.23.133.8.3") /* tcg-kp-AIKCertificate */);
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).contains("has a keyUsage with neither keyEncipherment nor keyAgreement"),
                r.problems().toString());
        assertTrue(r.problems().get(1).contains("lacks tcg-kp-EKCertificate"), r.problems().toString());
    }

    @Test
    void anEkCertificateWithoutTcgMarkersIsTrustedWithNotes() {
        Ca ca = Ca.create();
        EkChain.Result r = ca.verify(TestCerts.spec().subject("CN=EK").key(TestCerts.ec("secp256r1").getPublic())
                .keyUsage(KeyUsage.keyAgreement));
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(2, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("no extendedKeyUsage tcg-kp-EKCertificate"), r.notes().toString());
        assertTrue(r.notes().get(1).contains("names no TPM manufacturer"), r.notes().toString());
    }

    @Test
    void md5AndMd2SignaturesAreRefusedAndSha1IsNoted() {
        KeyPair rootKeys = TestCerts.rsa(2048);
        TrustBundle trust = TrustBundle.empty().withAnchors(List.of(TestCerts.tc(TestCerts.root("CN=RSA Root",
                rootKeys))));
        for (String alg : List.of("MD5withRSA", "MD2withRSA", "SHA1withRSA", "SHA256withRSA")) {
            X509Certificate ek = TestCerts.spec().issuedBy("CN=RSA Root", rootKeys.getPrivate())
                    .key(TestCerts.ec("secp256r1").getPublic()).ek().algorithm(alg).build();
            EkChain.Result r = EkChain.verify(leaf(TestCerts.tc(ek)), List.of(), trust, List.of(), NOW, null);
            switch (alg) {
                case "MD5withRSA", "MD2withRSA" -> {
                    assertFalse(r.trusted(), alg);
                    assertTrue(r.problems().get(0).contains("is signed with " + alg), r.problems().toString());
                    assertTrue(r.problems().get(0).endsWith("which tpm2j refuses"), r.problems().toString());
                }
                case "SHA1withRSA" -> {
                    assertTrue(r.trusted(), r.problems().toString());
                    assertTrue(r.notes().stream().anyMatch(n -> n.contains("is signed with SHA-1 (SHA1withRSA)")),
                            r.notes().toString());
                }
                default -> {
                    assertTrue(r.trusted(), r.problems().toString());
                    assertEquals(List.of(), r.notes());
                }
            }
        }
    }

    /** RFC 5280 §6.1.4(l): the leaf never counts, so a self-issued leaf cannot hide an intermediate CA. */
    @Test
    void aSelfIssuedLeafDoesNotBypassPathLength() {
        KeyPair root = TestCerts.ec("secp384r1");
        KeyPair limited = TestCerts.ec("secp384r1");
        KeyPair below = TestCerts.ec("secp384r1");
        TrustBundle trust = TrustBundle.empty().withAnchors(List.of(TestCerts.tc(TestCerts.root("CN=Root", root))));
        X509Certificate limitedCa = TestCerts.spec().subject("CN=Limited").key(limited.getPublic())
                .issuedBy("CN=Root", root.getPrivate()).ca(0).build();
        X509Certificate belowCa = TestCerts.spec().subject("CN=Below").key(below.getPublic())
                .issuedBy("CN=Limited", limited.getPrivate()).ca(null).build();
        List<EkChain.Sourced> nv = List.of(new EkChain.Sourced(TestCerts.tc(limitedCa), "nv:0x01c00100"),
                new EkChain.Sourced(TestCerts.tc(belowCa), "nv:0x01c00101"));
        X509Certificate selfIssuedEk = TestCerts.spec().subject("CN=Below").issuedBy("CN=Below", below.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
        EkChain.Result r = EkChain.verify(leaf(TestCerts.tc(selfIssuedEk)), nv, trust, List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("'CN=Limited' [nv:0x01c00100] allows 0 intermediate "
                + "CA(s) below it, the path has 1")), r.problems().toString());

        // the same EK certificate issued directly by the limited CA is fine
        X509Certificate direct = TestCerts.spec().subject("CN=Limited").issuedBy("CN=Limited", limited.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
        EkChain.Result ok = EkChain.verify(leaf(TestCerts.tc(direct)), nv, trust, List.of(), NOW, null);
        assertTrue(ok.trusted(), ok.problems().toString());
    }
}

package dev.tpm2j.ek;

import dev.tpm2j.ek.testing.TestCerts;
import dev.tpm2j.ek.testing.Reencodings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path-building denial-of-service inputs from issue 13, each rebuilt here: before the fix their cost grew
 * factorially (k = 7 took seconds, k = 12 did not finish in minutes). The assertions are on the verdict and on the
 * work counters the search reports, never on wall-clock time; the JMH benchmark {@code PathBuildingAttackBench}
 * measures the time.
 */
class PathBuildingAttackTest {
    static final Instant AT = Instant.parse("2026-11-22T00:00:00Z");

    static TrustBundle unrelatedAnchor() {
        KeyPair k = TestCerts.ec("secp256r1");
        return TrustBundle.empty().withAnchors(List.of(TestCerts.tc(TestCerts.root("CN=Genuine Root", k))));
    }

    /** k self-issued "CN=X" CAs with one key, and an EK certificate issued by "CN=X". */
    record SelfIssued(EkChain.Sourced ek, List<EkChain.Sourced> nv) {
        static SelfIssued of(int k) {
            KeyPair x = TestCerts.ec("secp256r1");
            List<EkChain.Sourced> nv = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                nv.add(new EkChain.Sourced(TestCerts.tc(TestCerts.root("CN=X", x)), "nv:0x01c00100"));
            }
            KeyPair ekKey = TestCerts.ec("secp256r1");
            X509Certificate ek = TestCerts.spec().issuedBy("CN=X", x.getPrivate()).key(ekKey.getPublic()).ek().build();
            return new SelfIssued(new EkChain.Sourced(TestCerts.tc(ek), "nv:0x01c00002"), nv);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 9, 12, 63, 200})
    void selfIssuedCertificatesWithOneKeyCostLinearWork(int k) {
        SelfIssued in = SelfIssued.of(k);
        EkChain.Result r = EkChain.verify(in.ek(), in.nv(), unrelatedAnchor(), List.of(), AT, null);
        assertFalse(r.trusted());
        assertEquals(EkChain.Status.UNTRUSTED, r.status());
        assertTrue(r.problems().get(0).startsWith("self-signed certificate 'CN=X' [nv:0x01c00100] is not a trust "
                + "anchor"), r.problems().toString());
        assertEquals(2, r.chain().size(), "EK and one CN=X certificate: the others are the same (subject, key)");
        // the EK once, each CN=X certificate once; one signature check for the EK against the shared key and one
        // self-signature check for the (CN=X, key) pair (to say "self-signed ... not a trust anchor")
        assertEquals(1 + k, r.work().nodes());
        assertEquals(2, r.work().signatureChecks());
    }

    static TpmCertificate bundleCertificate(List<TpmCertificate> from, String subjectCn) {
        return from.stream().filter(c -> c.subject().contains("CN=" + subjectCn + ",")).findFirst().orElseThrow();
    }

    /** 48 distinct BER encodings of the real Infineon OPTIGA RSA root, each with a valid self-signature. */
    static List<EkChain.Sourced> reencodings(TpmCertificate anchor) throws Exception {
        List<EkChain.Sourced> out = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int i = 1; i <= 48; i++) {
            TpmCertificate c = TpmCertificates.parse(Reencodings.variant(anchor.der(), i));
            c.certificate().verify(c.publicKey());
            assertTrue(distinct.add(c.sha256()));
            assertNotEquals(anchor.sha256(), c.sha256());
            out.add(new EkChain.Sourced(c, "nv:0x01c00100"));
        }
        return out;
    }

    @Test
    void reencodedTrustAnchorsInNvDoNotMultiplyTheWork() throws Exception {
        TrustBundle bundle = RealData.bundle();
        TpmCertificate root = bundleCertificate(bundle.anchors(), "Infineon OPTIGA(TM) RSA Root CA");
        TpmCertificate mfg = bundleCertificate(bundle.intermediates(), "Infineon OPTIGA(TM) RSA Manufacturing CA 035");
        List<EkChain.Sourced> nv = new ArrayList<>(reencodings(root));
        nv.add(new EkChain.Sourced(mfg, "nv:0x01c00101"));
        EkChain.Sourced ek = new EkChain.Sourced(RealData.cert("infineon-slb9670-ek-rsa-mfgca035.der"), "nv:0x01c00002");

        // the genuine anchor is trusted: it is tried first among the 49 certificates with its subject and key
        EkChain.Result trusted = EkChain.verify(ek, nv, bundle, List.of(), AT, null);
        assertTrue(trusted.trusted(), trusted.problems().toString());
        assertEquals(EkChain.Status.TRUSTED, trusted.status());
        assertEquals(root.sha256(), trusted.anchor().orElseThrow().sha256());
        assertEquals(3, trusted.work().nodes());
        assertEquals(2, trusted.work().signatureChecks());

        // the root is not trusted: every copy is one loop away from a dead end
        TrustBundle other = unrelatedAnchor();
        EkChain.Result refused = EkChain.verify(ek, nv, other, List.of(), AT, null);
        assertEquals(EkChain.Status.UNTRUSTED, refused.status());
        assertTrue(refused.problems().get(0).startsWith("self-signed certificate 'CN=Infineon OPTIGA(TM) RSA Root CA"),
                refused.problems().toString());
        assertEquals(2 + 48, refused.work().nodes());
        assertEquals(3, refused.work().signatureChecks(), "EK, manufacturing CA, one self-signature for all copies");
    }

    /**
     * Eight keys under one name, each certified by every other (56 certificates): every ordering of the keys is a
     * signature-valid path, and no anchor sits on top. The global budget stops it with a typed verdict.
     */
    @Test
    void aCompleteGraphOfCrossCertificatesExhaustsTheBudget() {
        int m = 8;
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            keys.add(TestCerts.ec("secp256r1"));
        }
        List<EkChain.Sourced> nv = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    nv.add(new EkChain.Sourced(TestCerts.tc(TestCerts.spec().subject("CN=X").key(keys.get(a).getPublic())
                            .issuedBy("CN=X", keys.get(b).getPrivate()).ca(null).build()), "nv:0x01c00100"));
                }
            }
        }
        X509Certificate ek = TestCerts.spec().issuedBy("CN=X", keys.get(0).getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(TestCerts.tc(ek), "nv:0x01c00002"), nv,
                unrelatedAnchor(), List.of(), AT, null);
        assertEquals(56, nv.size());
        assertFalse(r.trusted());
        assertEquals(EkChain.Status.BUDGET_EXCEEDED, r.status());
        assertEquals(EkChain.MAX_SIGNATURE_CHECKS, r.work().signatureChecks());
        assertTrue(r.work().nodes() <= EkChain.MAX_NODES);
        assertTrue(r.verdict().startsWith("untrusted: path building gave up"), r.verdict());
    }

    @Test
    void aiaIsFetchedOncePerUrlOnlyOverHttpAndWithinTheRequestBudget() {
        List<String> asked = new ArrayList<>();
        AiaFetcher counting = url -> {
            asked.add(url);
            return java.util.Optional.empty();
        };
        List<String> urls = new ArrayList<>(List.of("file:///etc/passwd", "ldap://ldap.example/ca", "http://a/ca.cer",
                "http://a/ca.cer", "not a uri"));
        for (int i = 0; i < 20; i++) {
            urls.add("https://b" + i + ".example/ca.cer");
        }
        KeyPair ca = TestCerts.ec("secp256r1");
        X509Certificate ek = TestCerts.spec().issuedBy("CN=Somewhere", ca.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().aia(urls.toArray(String[]::new)).build();
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(TestCerts.tc(ek), "nv:0x01c00002"), List.of(),
                unrelatedAnchor(), List.of(), AT, counting);
        assertFalse(r.trusted());
        assertEquals(EkChain.MAX_AIA_FETCHES, asked.size());
        assertEquals(EkChain.MAX_AIA_FETCHES, r.work().aiaFetches());
        assertEquals("http://a/ca.cer", asked.get(0));
        assertEquals(asked.size(), new HashSet<>(asked).size(), "each URL once");
        assertTrue(asked.stream().allMatch(u -> u.startsWith("http")), asked.toString());
    }
}

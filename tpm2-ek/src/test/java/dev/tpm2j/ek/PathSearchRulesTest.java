package dev.tpm2j.ek;

import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The rules a path must pass (PathRules) and the search's choices (PathSearch) one at a time: which certificate
 * breaks which rule and is named for it, which failed path is reported, which candidate issuer is tried first,
 * the depth and node limits, and what every link of a result says.
 */
class PathSearchRulesTest {
    static final Instant AT = Instant.now();
    static final KeyPair ROOT = TestCerts.ec("secp256r1");

    static X509Certificate root() {
        return TestCerts.root("CN=Root", ROOT);
    }

    static TrustBundle anchor(X509Certificate root) {
        return TrustBundle.empty().withAnchors(List.of(TestCerts.tc(root)));
    }

    static EkChain.Sourced nv(X509Certificate c) {
        return new EkChain.Sourced(TestCerts.tc(c), "nv:0x01c00100");
    }

    static EkChain.Sourced ekOf(KeyPair issuer, String issuerName) {
        return new EkChain.Sourced(TestCerts.tc(TestCerts.spec().issuedBy(issuerName, issuer.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build()), "nv:0x01c0000a");
    }

    static TestCerts.Spec ca(String subject, KeyPair key, String issuer, KeyPair signer) {
        return TestCerts.spec().subject(subject).key(key.getPublic()).issuedBy(issuer, signer.getPrivate()).ca(null);
    }

    static EkChain.Result verify(EkChain.Sourced ek, X509Certificate root, List<X509Certificate> pool) {
        return EkChain.verify(ek, pool.stream().map(PathSearchRulesTest::nv).toList(), anchor(root), List.of(), AT,
                null);
    }

    /** A CA certificate with one extra critical extension of an OID no one handles. */
    static X509Certificate withUnknownCriticalExtension(String subject, KeyPair key, String issuer, KeyPair signer)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.TEN,
                Date.from(AT.minus(Duration.ofDays(1))), Date.from(AT.plus(Duration.ofDays(10))), new X500Name(subject),
                key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true, DERNull.INSTANCE);
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    @Test
    void anIntermediateWithAnUnhandledCriticalExtensionIsRefusedByName() throws Exception {
        KeyPair mfg = TestCerts.ec("secp256r1");
        X509Certificate odd = withUnknownCriticalExtension("CN=Mfg", mfg, "CN=Root", ROOT);
        EkChain.Result r = verify(ekOf(mfg, "CN=Mfg"), root(), List.of(odd));
        assertFalse(r.trusted());
        assertEquals(List.of("'CN=Mfg' [nv:0x01c00100] has a critical extension tpm2j does not handle: "
                + "1.3.6.1.4.1.99999.7"), r.problems());
    }

    @Test
    void aSha1SignedAnchorIsNotNotedButASha1SignedIntermediateIs() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        X509Certificate sha1Root = TestCerts.spec().subject("CN=Root").key(ROOT.getPublic())
                .issuedBy("CN=Root", ROOT.getPrivate()).ca(null).algorithm("SHA1withECDSA").build();
        X509Certificate intermediate = ca("CN=Mfg", mfg, "CN=Root", ROOT).build();
        EkChain.Result r = verify(ekOf(mfg, "CN=Mfg"), sha1Root, List.of(intermediate));
        assertTrue(r.trusted(), r.problems().toString());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("SHA-1")), r.notes().toString());

        X509Certificate sha1Intermediate = ca("CN=Mfg", mfg, "CN=Root", ROOT).algorithm("SHA1withECDSA").build();
        EkChain.Result weak = verify(ekOf(mfg, "CN=Mfg"), root(), List.of(sha1Intermediate));
        assertTrue(weak.trusted(), weak.problems().toString());
        assertEquals(List.of("'CN=Mfg' [nv:0x01c00100] is signed with SHA-1 (SHA1withECDSA), accepted for old TPMs"),
                weak.notes().stream().filter(n -> n.contains("SHA-1")).toList());
    }

    @Test
    void anIssuerThatIsNotACaIsRefusedButAnAnchorNeedNotSayItIsOne() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        X509Certificate notCa = TestCerts.spec().subject("CN=Mfg").key(mfg.getPublic())
                .issuedBy("CN=Root", ROOT.getPrivate()).build();
        EkChain.Result r = verify(ekOf(mfg, "CN=Mfg"), root(), List.of(notCa));
        assertFalse(r.trusted());
        assertEquals(List.of("'CN=Mfg' [nv:0x01c00100] issues '(empty subject)' [nv:0x01c0000a] but is not a CA "
                + "(basicConstraints cA is not set)"), r.problems());

        // an anchor is trusted because it is configured, not because of its basicConstraints
        X509Certificate plainRoot = TestCerts.spec().subject("CN=Root").key(ROOT.getPublic())
                .issuedBy("CN=Root", ROOT.getPrivate()).build();
        EkChain.Result anchored = verify(ekOf(mfg, "CN=Mfg"), plainRoot, List.of(ca("CN=Mfg", mfg, "CN=Root", ROOT)
                .build()));
        assertTrue(anchored.trusted(), anchored.problems().toString());
    }

    @Test
    void anIssuerWhoseKeyUsageLacksKeyCertSignIsRefused() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        X509Certificate noCertSign = ca("CN=Mfg", mfg, "CN=Root", ROOT).keyUsage(KeyUsage.digitalSignature).build();
        EkChain.Result r = verify(ekOf(mfg, "CN=Mfg"), root(), List.of(noCertSign));
        assertFalse(r.trusted());
        assertEquals(List.of("'CN=Mfg' [nv:0x01c00100] may not sign certificates (keyUsage lacks keyCertSign)"),
                r.problems());
    }

    @Test
    void anEkCertificateThatIsACaWithPathLenZeroIsRefused() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        TestCerts.Spec ek = TestCerts.spec().issuedBy("CN=Mfg", mfg.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek();
        ek.ca = true;
        ek.pathLen = 0;
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(TestCerts.tc(ek.build()), "nv:0x01c0000a"),
                List.of(nv(ca("CN=Mfg", mfg, "CN=Root", ROOT).build())), anchor(root()), List.of(), AT, null);
        assertFalse(r.trusted());
        assertEquals(List.of("the EK certificate '(empty subject)' [nv:0x01c0000a] is a CA certificate "
                + "(basicConstraints cA is set), not an EK certificate"), r.problems());
    }

    /** EK ← {@code n} intermediate CAs ← root. */
    static EkChain.Result chainOf(int n) {
        List<X509Certificate> pool = new ArrayList<>();
        KeyPair above = ROOT;
        String aboveName = "CN=Root";
        for (int i = n; i >= 1; i--) {
            KeyPair k = TestCerts.ec("secp256r1");
            pool.add(ca("CN=CA " + i, k, aboveName, above).build());
            above = k;
            aboveName = "CN=CA " + i;
        }
        return verify(ekOf(above, aboveName), root(), pool);
    }

    @Test
    void aChainOfSeventeenCertificatesIsTheLongestBuilt() {
        assertEquals(17, EkChain.MAX_DEPTH + 1);
        EkChain.Result longest = chainOf(15); // EK, 15 CAs, root
        assertTrue(longest.trusted(), longest.problems().toString());
        assertEquals(17, longest.chain().size());

        EkChain.Result tooLong = chainOf(16);
        assertFalse(tooLong.trusted());
        assertEquals(EkChain.Status.UNTRUSTED, tooLong.status());
        assertEquals(List.of("the chain is longer than 16 certificates"), tooLong.problems());
        assertEquals(17, tooLong.chain().size());
    }

    /**
     * Three CA levels of 23 copies each (one subject and key per level), no anchor above: every copy is its own
     * search state, so the search visits 1 + 23 + 23² + 23² nodes, more than the node budget, while the signature
     * checks (one per certificate) stay within theirs. The node budget stops it with a typed verdict.
     */
    @Test
    void manyCopiesPerLevelExhaustTheNodeBudgetWithFewSignatureChecks() {
        int m = 23;
        KeyPair[] keys = {TestCerts.ec("secp256r1"), TestCerts.ec("secp256r1"), TestCerts.ec("secp256r1"),
            TestCerts.ec("secp256r1")};
        List<X509Certificate> pool = new ArrayList<>();
        for (int level = 0; level < 3; level++) {
            for (int copy = 0; copy < m; copy++) {
                pool.add(ca("CN=L" + level, keys[level], "CN=L" + (level + 1), keys[level + 1]).build());
            }
        }
        EkChain.Result r = verify(ekOf(keys[0], "CN=L0"), root(), pool);
        assertFalse(r.trusted());
        assertEquals(EkChain.Status.BUDGET_EXCEEDED, r.status());
        assertEquals(EkChain.MAX_NODES + 1, r.work().nodes(), "stopped at the first node over the budget");
        assertTrue(r.work().signatureChecks() < EkChain.MAX_SIGNATURE_CHECKS, r.work().toString());
        assertTrue(r.verdict().startsWith("untrusted: path building gave up"), r.verdict());
        assertTrue(r.anchor().isEmpty());
    }

    /** Two failing paths of one length: the one with fewer problems is reported, the first on a tie. */
    @Test
    void ofFailedPathsTheLongestWithTheFewestProblemsIsReportedTheFirstOnATie() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        TestCerts.Spec e = ca("CN=Mfg", mfg, "CN=Root", ROOT);
        e.notAfter = AT.minus(Duration.ofDays(1));
        X509Certificate expired = e.build();
        TestCerts.Spec both = ca("CN=Mfg", mfg, "CN=Root", ROOT).keyUsage(KeyUsage.digitalSignature);
        both.notAfter = AT.minus(Duration.ofDays(2));
        X509Certificate expiredNoCertSign = both.build();
        X509Certificate noCertSign = ca("CN=Mfg", mfg, "CN=Root", ROOT).keyUsage(KeyUsage.digitalSignature).build();
        EkChain.Sourced ek = ekOf(mfg, "CN=Mfg");

        for (List<X509Certificate> order : List.of(List.of(expired, expiredNoCertSign),
                List.of(expiredNoCertSign, expired))) {
            EkChain.Result r = verify(ek, root(), order);
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertTrue(r.problems().get(0).contains("is not valid at"), r.problems().toString());
            assertEquals(TestCerts.tc(expired).sha256(), r.chain().get(1).certificate().sha256());
        }
        EkChain.Result tie = verify(ek, root(), List.of(noCertSign, expired));
        assertEquals(1, tie.problems().size(), tie.problems().toString());
        assertTrue(tie.problems().get(0).contains("keyCertSign"), tie.problems().toString());
    }

    @Test
    void everyLinkSaysWhatItIs() {
        KeyPair mfg = TestCerts.ec("secp256r1");
        EkChain.Result trusted = verify(ekOf(mfg, "CN=Mfg"), root(), List.of(ca("CN=Mfg", mfg, "CN=Root", ROOT)
                .build()));
        assertEquals(List.of("signed by CN=Mfg", "signed by CN=Root", "trust anchor"),
                trusted.chain().stream().map(EkChain.Link::verdict).toList());
        EkChain.Result missing = verify(ekOf(mfg, "CN=Mfg"), root(), List.of());
        assertEquals(List.of("issuer not found"), missing.chain().stream().map(EkChain.Link::verdict).toList());
    }

    /** The real Infineon EK whose manufacturing CA is absent: the message names the issuer, its key id and AIA. */
    @Test
    void aMissingLinkNamesTheIssuerAndItsKeyIdAndCostsNoSelfSignatureCheck() {
        TpmCertificate ek = RealData.cert("infineon-slb9670-ek-rsa-mfgca035.der");
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), List.of(), anchor(root()),
                List.of(), AT, null);
        assertFalse(r.trusted());
        String expected = "missing link: no certificate for the issuer of '(empty subject)' [nv:0x01c00002] (issuer '"
                + ek.issuer() + "', key id " + Hex.of(ek.authorityKeyId()) + ")";
        if (!ek.caIssuersUrls().isEmpty()) {
            expected += "; fetch it from " + ek.caIssuersUrls().get(0);
        }
        assertEquals(List.of(expected), r.problems());
        assertEquals(ek.issuer(), r.missingIssuer().orElseThrow());
        assertEquals(0, r.work().signatureChecks(), "a certificate that is not self-issued is not checked against "
                + "itself");

        KeyPair ca = TestCerts.ec("secp256r1");
        X509Certificate noAia = TestCerts.spec().issuedBy("CN=Gone", ca.getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
        EkChain.Result plain = EkChain.verify(new EkChain.Sourced(TestCerts.tc(noAia), "nv:0x01c0000a"), List.of(),
                anchor(root()), List.of(), AT, null);
        assertEquals(List.of("missing link: no certificate for the issuer of '(empty subject)' [nv:0x01c0000a] "
                + "(issuer 'CN=Gone')"), plain.problems());
        assertTrue(plain.missingIssuerUrl().isEmpty());
    }

    /** A self-issued key-rollover certificate (CN=X's new key signed by its old one) whose old key is absent. */
    @Test
    void aSelfIssuedCertificateSignedByAnotherKeyIsAMissingLinkNotASelfSignedOne() {
        KeyPair oldKey = TestCerts.ec("secp256r1");
        KeyPair newKey = TestCerts.ec("secp256r1");
        X509Certificate rollover = ca("CN=X", newKey, "CN=X", oldKey).build();
        EkChain.Result r = verify(ekOf(newKey, "CN=X"), root(), List.of(rollover));
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).startsWith("missing link: no certificate for the issuer of 'CN=X'"),
                r.problems().toString());
        assertEquals(2, r.chain().size());
    }

    /**
     * The real Infineon EK and manufacturing CA 035, with a decoy of the same subject but another key listed first:
     * the candidate whose subject key id matches the EK's authority key id is tried first, so the decoy costs no
     * signature check.
     */
    @Test
    void theIssuerWhoseKeyIdMatchesIsTriedFirst() throws Exception {
        TrustBundle bundle = RealData.bundle();
        TpmCertificate mfg = PathBuildingAttackTest.bundleCertificate(bundle.intermediates(),
                "Infineon OPTIGA(TM) RSA Manufacturing CA 035");
        TpmCertificate ek = RealData.cert("infineon-slb9670-ek-rsa-mfgca035.der");
        KeyPair decoyKey = TestCerts.rsa(2048);
        X500Name subject = X500Name.getInstance(mfg.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.TWO,
                Date.from(AT.minus(Duration.ofDays(1))), Date.from(AT.plus(Duration.ofDays(10))), subject,
                decoyKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(decoyKey.getPublic()));
        X509Certificate decoy = new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(decoyKey.getPrivate())));
        List<EkChain.Sourced> supplied = List.of(new EkChain.Sourced(TestCerts.tc(decoy), "file:decoy"),
                new EkChain.Sourced(mfg, "file:mfg"));
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), supplied, bundle, List.of(),
                Instant.parse("2026-11-22T00:00:00Z"), null);
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(3, r.chain().size());
        assertEquals(2, r.work().signatureChecks(), "the EK by CA 035, CA 035 by the root: never by the decoy");
        assertEquals(3, r.work().nodes());
    }
}

package dev.tpm2j.ek.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.PathVerifier;
import dev.tpm2j.ek.PathVerifier.LeafRules;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.testing.Reencodings;
import dev.tpm2j.ek.testing.TestCerts;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/** Attacks on PathVerifier through the public API only. Each test asserts the SECURE outcome. */
class PathVerifierAttackTest {
    static final Instant NOW = Instant.now();
    final KeyPair rootK = TestCerts.ec("secp256r1");
    final KeyPair caK = TestCerts.ec("secp256r1");
    final KeyPair leafK = TestCerts.ec("secp256r1");
    final KeyPair evilK = TestCerts.ec("secp256r1");
    final TpmCertificate root = Forge.of("CN=Root,O=Good", rootK.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
            .ca(null).tc();
    final TpmCertificate ca = Forge.of("CN=CA,O=Good", caK.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
            .ca(null).tc();
    final TrustBundle trust = TrustBundle.empty().withAnchors(List.of(root));

    Forge leaf(String issuer, KeyPair signer) {
        return Forge.of("CN=Leaf", leafK.getPublic(), issuer, signer.getPrivate())
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }

    static String why(EkChain.Result r) {
        return r.status() + " " + r.problems() + " notes=" + r.notes() + " chain="
                + r.chain().stream().map(l -> l.certificate().subject()).toList();
    }

    static void untrusted(EkChain.Result r) {
        System.out.println("  -> " + why(r));
        assertFalse(r.trusted(), why(r));
        assertTrue(r.anchor().isEmpty());
        assertFalse(r.status() == EkChain.Status.TRUSTED);
    }

    @Test
    void a00_baselineIsTrusted() {
        EkChain.Result r = PathVerifier.verify(leaf("CN=CA,O=Good", caK).tc(), List.of(ca), trust, NOW, LeafRules.ANY);
        assertTrue(r.trusted(), why(r));
    }

    @Test
    void a01_leafSignedByUntrustedKeyWithTrustedIssuerName() {
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", evilK).tc(), List.of(ca), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a02_forgedIntermediateWithRealNameAndSelfSignedRootLookalike() {
        TpmCertificate fakeRoot = Forge.of("CN=Root,O=Good", evilK.getPublic(), "CN=Root,O=Good",
                evilK.getPrivate()).ca(null).tc();
        KeyPair ev2 = TestCerts.ec("secp256r1");
        TpmCertificate fakeCa = Forge.of("CN=CA,O=Good", ev2.getPublic(), "CN=Root,O=Good", evilK.getPrivate())
                .ca(null).tc();
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", ev2).tc(), List.of(fakeCa, fakeRoot, ca, root), trust,
                NOW, LeafRules.ANY));
        // fake intermediate signed by the attacker but carrying the real root's AKI-less name, under the real root name
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", ev2).tc(), List.of(fakeCa), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a03_intermediateWithoutCaFlagOrAbsentBasicConstraintsOrV1() {
        KeyPair k = TestCerts.ec("secp256r1");
        TpmCertificate noBc = Forge.of("CN=NoBC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate()).tc();
        untrusted(PathVerifier.verify(leaf("CN=NoBC", k).tc(), List.of(noBc), trust, NOW, LeafRules.ANY));
        TpmCertificate caFalse = Forge.of("CN=NoBC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ext(Extension.basicConstraints, true, new BasicConstraints(false)).tc();
        untrusted(PathVerifier.verify(leaf("CN=NoBC", k).tc(), List.of(caFalse), trust, NOW, LeafRules.ANY));
        Forge v1 = Forge.of("CN=NoBC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate());
        v1.v1 = true;
        untrusted(PathVerifier.verify(leaf("CN=NoBC", k).tc(), List.of(v1.tc()), trust, NOW, LeafRules.ANY));
        // an end-entity EK certificate used as an issuer
        TpmCertificate ekAsCa = Forge.of("CN=NoBC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment)).tc();
        untrusted(PathVerifier.verify(leaf("CN=NoBC", k).tc(), List.of(ekAsCa), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a04_intermediateWithoutKeyCertSign() {
        KeyPair k = TestCerts.ec("secp256r1");
        TpmCertificate ds = Forge.of("CN=DS", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ext(Extension.basicConstraints, true, new BasicConstraints(true))
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign)).tc();
        untrusted(PathVerifier.verify(leaf("CN=DS", k).tc(), List.of(ds), trust, NOW, LeafRules.ANY));
        untrusted(PathVerifier.verify(leaf("CN=DS", k).tc(), List.of(ds), trust, NOW, LeafRules.EK_CERTIFICATE));
    }

    @Test
    void a05_pathLenViolations() {
        KeyPair k0 = TestCerts.ec("secp256r1");
        KeyPair k1 = TestCerts.ec("secp256r1");
        TpmCertificate p0 = Forge.of("CN=P0", k0.getPublic(), "CN=Root,O=Good", rootK.getPrivate()).ca(0).tc();
        TpmCertificate sub = Forge.of("CN=Sub", k1.getPublic(), "CN=P0", k0.getPrivate()).ca(null).tc();
        untrusted(PathVerifier.verify(leaf("CN=Sub", k1).tc(), List.of(p0, sub), trust, NOW, LeafRules.ANY));
        // pathLen on the anchor itself
        TpmCertificate root0 = Forge.of("CN=R0", rootK.getPublic(), "CN=R0", rootK.getPrivate()).ca(0).tc();
        TpmCertificate mid = Forge.of("CN=Mid", k1.getPublic(), "CN=R0", rootK.getPrivate()).ca(null).tc();
        untrusted(PathVerifier.verify(leaf("CN=Mid", k1).tc(), List.of(mid),
                TrustBundle.empty().withAnchors(List.of(root0)), NOW, LeafRules.ANY));
        // a CA leaf in ANY mode below pathLen 0 is fine (leaf does not count); a sub-CA with a leaf is not
        TpmCertificate caLeaf = Forge.of("CN=CaLeaf", leafK.getPublic(), "CN=P0", k0.getPrivate()).ca(null).tc();
        EkChain.Result ok = PathVerifier.verify(caLeaf, List.of(p0), trust, NOW, LeafRules.ANY);
        assertTrue(ok.trusted(), why(ok));
        // self-issued key rollover under pathLen 0 (RFC 5280: self-issued certificates do not count)
        TpmCertificate roll = Forge.of("CN=P0", k1.getPublic(), "CN=P0", k0.getPrivate()).ca(null).tc();
        EkChain.Result rr = PathVerifier.verify(leaf("CN=P0", k1).tc(), List.of(p0, roll), trust, NOW, LeafRules.ANY);
        System.out.println("  self-issued rollover under pathLen 0 -> " + why(rr));
        // ... but a non-self-issued CA below the rollover must count
        KeyPair k2 = TestCerts.ec("secp256r1");
        TpmCertificate sub2 = Forge.of("CN=Sub2", k2.getPublic(), "CN=P0", k1.getPrivate()).ca(null).tc();
        untrusted(PathVerifier.verify(leaf("CN=Sub2", k2).tc(), List.of(p0, roll, sub2), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a06_validityAtTheInstant() {
        KeyPair k = TestCerts.ec("secp256r1");
        TpmCertificate expired = Forge.of("CN=CA,O=Good", caK.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ca(null).validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))).tc();
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", caK).tc(), List.of(expired), trust, NOW, LeafRules.ANY));
        TpmCertificate future = leaf("CN=CA,O=Good", caK).validity(NOW.plusSeconds(60), NOW.plusSeconds(600)).tc();
        untrusted(PathVerifier.verify(future, List.of(ca), trust, NOW, LeafRules.ANY));
        TpmCertificate oldRoot = Forge.of("CN=Old", k.getPublic(), "CN=Old", k.getPrivate()).ca(null)
                .validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))).tc();
        untrusted(PathVerifier.verify(leaf("CN=Old", k).tc(), List.of(), TrustBundle.empty().withAnchors(
                List.of(oldRoot)), NOW, LeafRules.ANY));
        // extreme instants do not crash
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", caK).tc(), List.of(ca), trust, Instant.MAX, LeafRules.ANY));
        untrusted(PathVerifier.verify(leaf("CN=CA,O=Good", caK).tc(), List.of(ca), trust, Instant.MIN, LeafRules.ANY));
    }

    @Test
    void a07_nameChainingTricks() {
        // case-different issuer name with the right key: RFC 5280 name matching (caseIgnoreMatch) lets this chain
        EkChain.Result c = PathVerifier.verify(leaf("cn=ca,o=GOOD", caK).tc(), List.of(ca), trust, NOW, LeafRules.ANY);
        System.out.println("  case-folded issuer, right key -> " + why(c));
        // case-different with a wrong key
        untrusted(PathVerifier.verify(leaf("cn=ca,o=GOOD", evilK).tc(), List.of(ca), trust, NOW, LeafRules.ANY));
        // empty-subject intermediate: a CA with an empty name, issued by an attacker, among EK leaves with empty names
        KeyPair k = TestCerts.ec("secp256r1");
        org.bouncycastle.asn1.x509.GeneralNames san = new org.bouncycastle.asn1.x509.GeneralNames(
                new GeneralName(new X500Name("CN=san")));
        TpmCertificate emptyCa = Forge.of("", evilK.getPublic(), "CN=Root,O=Good", evilK.getPrivate()).ca(null)
                .ext(Extension.subjectAlternativeName, true, san).tc();
        // (an empty issuer name cannot be built: BC refuses it, RFC 5280 forbids it) -- the EK leaf under an
        // attacker's empty-named CA whose issuer is the real root's name:
        TpmCertificate ek2 = Forge.of("", k.getPublic(), "CN=Root,O=Good", evilK.getPrivate())
                .ext(Extension.subjectAlternativeName, true, san)
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement)).tc();
        untrusted(PathVerifier.verify(ek2, List.of(emptyCa, ek2), trust, NOW, LeafRules.EK_CERTIFICATE));
        // RDN order reversed
        untrusted(PathVerifier.verify(leaf("O=Good,CN=CA", evilK).tc(), List.of(ca), trust, NOW, LeafRules.ANY));
        // multi-valued RDN look-alike of "CN=CA,O=Good"
        untrusted(PathVerifier.verify(leaf("CN=CA+O=Good", evilK).tc(), List.of(ca), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a08_akiSkiGames() {
        // leaf's AKI points at the real CA's SKI but the signature is the attacker's
        byte[] realSki = new byte[] {1, 2, 3, 4};
        TpmCertificate caSki = Forge.of("CN=CA,O=Good", caK.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ca(null).ext(Extension.subjectKeyIdentifier, false,
                        new org.bouncycastle.asn1.x509.SubjectKeyIdentifier(realSki)).tc();
        TpmCertificate evilLeaf = leaf("CN=CA,O=Good", evilK).ext(Extension.authorityKeyIdentifier, false,
                new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(realSki)).tc();
        untrusted(PathVerifier.verify(evilLeaf, List.of(caSki), trust, NOW, LeafRules.ANY));
        // real leaf whose AKI names an attacker CA's SKI: still trusted through the real CA (AKI is a preference)
        TpmCertificate evilCa = Forge.of("CN=CA,O=Good", evilK.getPublic(), "CN=CA,O=Good", evilK.getPrivate())
                .ca(null).ext(Extension.subjectKeyIdentifier, false,
                        new org.bouncycastle.asn1.x509.SubjectKeyIdentifier(new byte[] {9})).tc();
        TpmCertificate goodLeaf = leaf("CN=CA,O=Good", caK).ext(Extension.authorityKeyIdentifier, false,
                new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(new byte[] {9})).tc();
        EkChain.Result r = PathVerifier.verify(goodLeaf, List.of(evilCa, ca), trust, NOW, LeafRules.ANY);
        assertTrue(r.trusted(), why(r));
    }

    @Test
    void a09_leafIsAnAnchorOrADuplicateOrAReencodedAnchor() {
        untrusted(PathVerifier.verify(root, List.of(root, root), trust, NOW, LeafRules.ANY));
        untrusted(PathVerifier.verify(root, List.of(), trust, NOW, LeafRules.EK_CERTIFICATE));
        TpmCertificate l = leaf("CN=CA,O=Good", caK).tc();
        assertTrue(PathVerifier.verify(l, List.of(l, l, ca, ca, l), trust, NOW, LeafRules.ANY).trusted());
        // the anchor, re-encoded (non-minimal outer lengths: TBS unchanged, signature still verifies), as the leaf
        for (int n = 1; n < 6; n++) {
            byte[] v = Reencodings.variant(root.der(), n);
            TpmCertificate re;
            try {
                re = TpmCertificates.parse(v);
            } catch (Exception e) {
                continue;
            }
            untrusted(PathVerifier.verify(re, List.of(), trust, NOW, LeafRules.ANY));
        }
    }

    @Test
    void a10_loopsAreBounded() {
        KeyPair a = TestCerts.ec("secp256r1");
        KeyPair b = TestCerts.ec("secp256r1");
        TpmCertificate ab = Forge.of("CN=A", a.getPublic(), "CN=B", b.getPrivate()).ca(null).tc();
        TpmCertificate ba = Forge.of("CN=B", b.getPublic(), "CN=A", a.getPrivate()).ca(null).tc();
        TpmCertificate aa = Forge.of("CN=A", a.getPublic(), "CN=A", a.getPrivate()).ca(null).tc();
        untrusted(PathVerifier.verify(leaf("CN=A", a).tc(), List.of(ab, ba, aa), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a11_ekRulesBypass() {
        // TLS server certificate from a trusted CA presented as an EK
        TpmCertificate tls = Forge.of("CN=www", leafK.getPublic(), "CN=CA,O=Good", caK.getPrivate())
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)).tc();
        untrusted(PathVerifier.verify(tls, List.of(ca), trust, NOW, LeafRules.EK_CERTIFICATE));
        // a CA with keyAgreement presented as an EK
        TpmCertificate caLeaf = Forge.of("CN=x", leafK.getPublic(), "CN=CA,O=Good", caK.getPrivate())
                .ext(Extension.basicConstraints, true, new BasicConstraints(true))
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement | KeyUsage.keyCertSign)).tc();
        untrusted(PathVerifier.verify(caLeaf, List.of(ca), trust, NOW, LeafRules.EK_CERTIFICATE));
        // a bare end-entity certificate without KU/EKU: accepted as an EK (noted) - by design?
        TpmCertificate bare = Forge.of("CN=bare", leafK.getPublic(), "CN=CA,O=Good", caK.getPrivate()).tc();
        EkChain.Result r = PathVerifier.verify(bare, List.of(ca), trust, NOW, LeafRules.EK_CERTIFICATE);
        System.out.println("  bare EE as EK -> " + why(r));
        // malformed non-critical EKU (a SEQUENCE of INTEGER instead of OIDs) that names nothing parseable
        TpmCertificate badEku = Forge.of("CN=x", leafK.getPublic(), "CN=CA,O=Good", caK.getPrivate())
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement))
                .ext(Extension.extendedKeyUsage, false, new DERSequence(new ASN1Integer(1))).tc();
        untrusted(PathVerifier.verify(badEku, List.of(ca), trust, NOW, LeafRules.EK_CERTIFICATE));
    }

    @Test
    void a12_malformedNonCriticalKeyUsageOnIntermediateIsNotIgnored() {
        KeyPair k = TestCerts.ec("secp256r1");
        // keyUsage encoded as an INTEGER: the JDK parks it as "unparseable" and getKeyUsage() returns null
        TpmCertificate inter = Forge.of("CN=BadKU", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ext(Extension.basicConstraints, true, new BasicConstraints(true))
                .ext(Extension.keyUsage, false, new ASN1Integer(KeyUsage.digitalSignature)).tc();
        untrusted(PathVerifier.verify(leaf("CN=BadKU", k).tc(), List.of(inter), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a13_weakKeysAndHiddenSha1() {
        KeyPair weak = TestCerts.rsa(512);
        TpmCertificate weakCa = Forge.of("CN=Weak", weak.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ca(null).tc();
        TpmCertificate l = leaf("CN=Weak", weak).alg("SHA256withRSA").tc();
        untrusted(PathVerifier.verify(l, List.of(weakCa), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a14_pssWithSha1IsAtLeastNoted() {
        KeyPair rsa = TestCerts.rsa(2048);
        TpmCertificate rsaCa = Forge.of("CN=RsaCA", rsa.getPublic(), "CN=Root,O=Good", rootK.getPrivate())
                .ca(null).tc();
        TpmCertificate l = leaf("CN=RsaCA", rsa).alg("SHA1withRSAandMGF1").tc();
        EkChain.Result r = PathVerifier.verify(l, List.of(rsaCa), trust, NOW, LeafRules.ANY);
        System.out.println("  PSS/SHA-1 leaf -> " + why(r) + " sigalg=" + l.certificate().getSigAlgName());
        assertTrue(!r.trusted() || r.notes().stream().anyMatch(n -> n.contains("SHA-1")), why(r));
    }

    @Test
    void a15_nonCriticalNameConstraintsViolated() {
        KeyPair k = TestCerts.ec("secp256r1");
        NameConstraints nc = new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(
                new X500Name("O=Allowed")))}, null);
        TpmCertificate inter = Forge.of("CN=NC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate()).ca(null)
                .ext(Extension.nameConstraints, false, nc).tc();
        EkChain.Result r = PathVerifier.verify(Forge.of("CN=x,O=Other", leafK.getPublic(), "CN=NC", k.getPrivate())
                .tc(), List.of(inter), trust, NOW, LeafRules.ANY);
        System.out.println("  non-critical nameConstraints violated -> " + why(r));
        TpmCertificate interCrit = Forge.of("CN=NC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate()).ca(null)
                .ext(Extension.nameConstraints, true, nc).tc();
        untrusted(PathVerifier.verify(Forge.of("CN=x,O=Allowed", leafK.getPublic(), "CN=NC", k.getPrivate()).tc(),
                List.of(interCrit), trust, NOW, LeafRules.ANY));
    }

    @Test
    void a16_inconsistentTpmCertificateRecordSpoofsAnAnchor() throws Exception {
        // public canonical constructor: der of the real root, but the attacker's certificate and key
        java.security.cert.X509Certificate fake = Forge.of("CN=Root,O=Good", evilK.getPublic(), "CN=Root,O=Good",
                evilK.getPrivate()).ca(null).x509();
        TpmCertificate spoof = new TpmCertificate(fake, root.der(), evilK.getPublic(), List.of(), null, null,
                List.of(), java.util.Optional.empty());
        TpmCertificate evilLeaf = Forge.of("CN=Victim", leafK.getPublic(), "CN=Root,O=Good", evilK.getPrivate())
                .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement)).tc();
        untrusted(PathVerifier.verify(evilLeaf, List.of(spoof), trust, NOW, LeafRules.EK_CERTIFICATE));
    }

    @Test
    void a17_aNullCandidateIsRefusedByName() {
        List<TpmCertificate> withNull = new ArrayList<>();
        withNull.add(null);
        TpmCertificate l = leaf("CN=CA,O=Good", caK).tc();
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> PathVerifier.verify(l, withNull, trust, NOW, LeafRules.ANY));
        assertTrue(e.getMessage().contains("candidate is null"), e.getMessage());
    }

    @Test
    void a18_unknownCriticalExtensionOnLeafInAnyMode() {
        TpmCertificate l = leaf("CN=CA,O=Good", caK).rawExt(new org.bouncycastle.asn1.ASN1ObjectIdentifier(
                "1.2.3.4.5"), true, new byte[] {5, 0}).tc();
        untrusted(PathVerifier.verify(l, List.of(ca), trust, NOW, LeafRules.ANY));
        // critical policyConstraints / inhibitAnyPolicy on the intermediate
        KeyPair k = TestCerts.ec("secp256r1");
        TpmCertificate pc = Forge.of("CN=PC", k.getPublic(), "CN=Root,O=Good", rootK.getPrivate()).ca(null)
                .rawExt(Extension.inhibitAnyPolicy, true, new byte[] {2, 1, 0}).tc();
        untrusted(PathVerifier.verify(leaf("CN=PC", k).tc(), List.of(pc), trust, NOW, LeafRules.ANY));
    }
}

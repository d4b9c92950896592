package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.der.CertificateStream;
import dev.tpm2j.simulator.TestCa;
import java.io.ByteArrayOutputStream;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken chains: each gives the right verdict with a specific reason. */
class EkChainAdversarialTest {
    static final Instant NOW = Instant.now();

    static TpmCertificate tc(X509Certificate x) throws Exception {
        return TpmCertificates.parse(x.getEncoded());
    }

    static PublicKey ekKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair().getPublic();
    }

    static TrustBundle anchors(TestCa... roots) throws Exception {
        List<TpmCertificate> a = new ArrayList<>();
        for (TestCa r : roots) {
            a.add(tc(r.certificate()));
        }
        return TrustBundle.empty().withAnchors(a);
    }

    static EkChain.Sourced nv(X509Certificate x, String index) throws Exception {
        return new EkChain.Sourced(tc(x), "nv:" + index);
    }

    @Test
    void plantedSelfSignedCaInNvIsNotTrusted() throws Exception {
        TestCa realRoot = TestCa.root("CN=Real Root", false);
        TestCa planted = TestCa.root("CN=Planted CA", false);
        X509Certificate ek = planted.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"), List.of(nv(planted.certificate(), "0x01c00101")),
                anchors(realRoot), List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).startsWith("self-signed certificate 'CN=Planted CA' [nv:0x01c00101] is not a "
                + "trust anchor"), r.problems().toString());
        assertEquals(2, r.chain().size());
    }

    @Test
    void plantedCaWithTheRightNameButAnotherKeyIsRejectedBySignature() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa issuing = root.issueCa("CN=Issuing", false, null);
        TestCa impostor = root.issueCa("CN=Issuing", false, null); // same name, other key, also genuinely issued
        X509Certificate ek = issuing.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"), List.of(nv(impostor.certificate(), "0x01c00100")),
                anchors(root), List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("does not verify with the key of 'CN=Issuing'")),
                r.problems().toString());
        // with the genuine issuing CA supplied, the impostor is passed over
        EkChain.Result ok = EkChain.verify(nv(ek, "0x01c00002"), List.of(nv(impostor.certificate(), "0x01c00100")),
                anchors(root), List.of(tc(issuing.certificate())), NOW, null);
        assertTrue(ok.trusted(), ok.problems().toString());
    }

    @Test
    void straddlingCertificateAndFfPaddingSplitAndVerify() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa a = root.issueCa("CN=ROM CA", false, null);
        TestCa b = a.issueCa("CN=Kernel CA", false, null);
        TestCa c = b.issueCa("CN=PTT CA", false, 0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (TestCa x : List.of(a, b, c)) {
            all.writeBytes(x.certificate().getEncoded());
        }
        byte[] chain = all.toByteArray();
        byte[] nv100 = Arrays.copyOf(chain, 700);                       // a cert straddles the boundary
        byte[] nv101 = new byte[chain.length - 700 + 300];
        System.arraycopy(chain, 700, nv101, 0, chain.length - 700);
        Arrays.fill(nv101, chain.length - 700, nv101.length, (byte) 0xFF); // fill
        byte[] joined = new byte[nv100.length + nv101.length];
        System.arraycopy(nv100, 0, joined, 0, nv100.length);
        System.arraycopy(nv101, 0, joined, nv100.length, nv101.length);

        CertificateStream.Split split = CertificateStream.split(joined);
        assertEquals(3, split.certificates().size());
        assertEquals("fill bytes 0xff", split.leftoverKind());
        assertEquals(300, split.leftoverLength());
        assertTrue(split.clean());

        List<EkChain.Sourced> nv = new ArrayList<>();
        for (byte[] der : split.certificates()) {
            nv.add(new EkChain.Sourced(TpmCertificates.parse(der), "nv:0x01c00100"));
        }
        X509Certificate ek = c.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c0000a"), nv, anchors(root), List.of(), NOW, null);
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(5, r.chain().size());
    }

    @Test
    void issuerLoopIsDetected() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa a = TestCa.root("CN=Loop A", false);
        TestCa b = TestCa.root("CN=Loop B", false);
        X509Certificate aIssuesB = a.crossCertify(b);
        X509Certificate bIssuesA = b.crossCertify(a);
        X509Certificate ek = a.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"),
                List.of(nv(bIssuesA, "0x01c00100"), nv(aIssuesB, "0x01c00101")), anchors(root), List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("loop: ")), r.problems().toString());
    }

    @Test
    void tenDeepChainIsTrusted() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa ca = root;
        List<EkChain.Sourced> nv = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ca = ca.issueCa("CN=Level " + i, false, null);
            nv.add(nv(ca.certificate(), String.format("0x%08x", 0x01C00100 + i)));
        }
        X509Certificate ek = ca.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        java.util.Collections.shuffle(nv); // order in NV means nothing
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"), nv, anchors(root), List.of(), NOW, null);
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(12, r.chain().size());
        assertEquals("trust anchor", r.chain().get(11).verdict());
    }

    @Test
    void expiredIntermediateIsNamed() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa expired = root.issueCa("CN=Expired Intermediate", false, null, NOW.minus(Duration.ofDays(800)),
                NOW.minus(Duration.ofDays(30)));
        X509Certificate ek = expired.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"), List.of(nv(expired.certificate(), "0x01c00100")),
                anchors(root), List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().get(0).startsWith("'CN=Expired Intermediate' [nv:0x01c00100] is not valid at"),
                r.problems().toString());
        assertEquals(3, r.chain().size(), "the path reaches the anchor; only validity fails");
        assertEquals("trust anchor", r.chain().get(2).verdict());
    }

    @Test
    void pathLengthConstraintIsEnforced() throws Exception {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa limited = root.issueCa("CN=Limited", false, 0);
        TestCa below = limited.issueCa("CN=Below", false, null);
        X509Certificate ek = below.issueEkCertificate(ekKey(), "id:494E5443", "X", "id:1");
        EkChain.Result r = EkChain.verify(nv(ek, "0x01c00002"), List.of(nv(below.certificate(), "0x01c00100"),
                nv(limited.certificate(), "0x01c00101")), anchors(root), List.of(), NOW, null);
        assertFalse(r.trusted());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("allows 0 intermediate CA(s) below it")),
                r.problems().toString());
    }

    @Test
    void garbageOnlyChainLeavesTheEkChainIntact() throws Exception {
        byte[] garbage = new byte[300];
        new java.security.SecureRandom().nextBytes(garbage);
        garbage[0] = 0x42;
        CertificateStream.Split s = CertificateStream.split(garbage);
        assertEquals(0, s.certificates().size());
        assertFalse(s.clean());
        assertEquals("unexpected byte 0x42", s.leftoverKind());
    }
}

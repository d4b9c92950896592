package dev.tpm2j.ek;

import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CA renews its certificate (same subject, same key, new validity) while the old copy is still stored beside it —
 * in NV, in a TrustedTpm.cab folder (the cab holds both copies of Infineon's and Nationz's manufacturing CAs), or in
 * an {@code --intermediates} directory. The search must not let the refused copy tried first hide the valid one.
 * The real renewals in the cab sit directly below their root, where the search never memoised, so the shape that
 * broke (a CA between the renewed one and the anchor) is built here from generated keys.
 */
class PathSearchRenewalTest {
    /** Now: the generated certificates are valid from a day ago for ten years. */
    static final Instant AT = Instant.now();

    /** Root (anchor) → Vendor Intermediate → Mfg CA (copies as given) → EK. */
    record Hierarchy(KeyPair rootKey, TrustBundle trust, EkChain.Sourced ek, X509Certificate intermediate,
                     X509Certificate expired, X509Certificate renewal) {
        static Hierarchy create() {
            KeyPair root = TestCerts.ec("secp256r1");
            KeyPair intermediate = TestCerts.ec("secp256r1");
            KeyPair mfg = TestCerts.ec("secp256r1");
            X509Certificate rootCert = TestCerts.root("CN=Root", root);
            X509Certificate inter = TestCerts.spec().subject("CN=Vendor Intermediate").key(intermediate.getPublic())
                    .issuedBy("CN=Root", root.getPrivate()).ca(null).build();
            TestCerts.Spec old = TestCerts.spec().subject("CN=Mfg CA").key(mfg.getPublic())
                    .issuedBy("CN=Vendor Intermediate", intermediate.getPrivate()).ca(0);
            old.notBefore = AT.minus(Duration.ofDays(3650));
            old.notAfter = AT.minus(Duration.ofDays(1));
            X509Certificate expired = old.build();
            TestCerts.Spec renewed = TestCerts.spec().subject("CN=Mfg CA").key(mfg.getPublic())
                    .issuedBy("CN=Vendor Intermediate", intermediate.getPrivate()).ca(0);
            renewed.notBefore = AT.minus(Duration.ofDays(30));
            renewed.notAfter = AT.plus(Duration.ofDays(3650));
            X509Certificate renewal = renewed.build();
            X509Certificate ek = TestCerts.spec().issuedBy("CN=Mfg CA", mfg.getPrivate())
                    .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
            TrustBundle trust = TrustBundle.empty().withAnchors(List.of(TestCerts.tc(rootCert)));
            return new Hierarchy(root, trust, new EkChain.Sourced(TestCerts.tc(ek), "nv:0x01c0000a"), inter, expired,
                    renewal);
        }

        EkChain.Result verify(X509Certificate... nvOrder) {
            List<EkChain.Sourced> nv = new ArrayList<>();
            for (X509Certificate c : nvOrder) {
                nv.add(new EkChain.Sourced(TestCerts.tc(c), "nv:0x01c00100"));
            }
            return EkChain.verify(ek, nv, trust, List.of(), AT, null);
        }
    }

    @Test
    void anExpiredCopyTriedFirstDoesNotHideItsValidRenewal() {
        Hierarchy h = Hierarchy.create();
        EkChain.Result r = h.verify(h.expired(), h.renewal(), h.intermediate());
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(4, r.chain().size());
        assertEquals(TestCerts.tc(h.renewal()).sha256(), r.chain().get(1).certificate().sha256());
        // EK, expired copy, intermediate above it, root (refused: expired copy); renewal, intermediate, root
        assertEquals(7, r.work().nodes());
        // EK by the Mfg key (once for both copies), each copy by the intermediate, the intermediate by the root
        assertEquals(4, r.work().signatureChecks());
    }

    @Test
    void theRenewalFirstIsTrustedWithoutTryingTheExpiredCopy() {
        Hierarchy h = Hierarchy.create();
        EkChain.Result r = h.verify(h.renewal(), h.expired(), h.intermediate());
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(TestCerts.tc(h.renewal()).sha256(), r.chain().get(1).certificate().sha256());
        assertEquals(4, r.work().nodes());
        assertEquals(3, r.work().signatureChecks());
    }

    @Test
    void theExpiredCopyAloneIsRefusedAsExpired() {
        Hierarchy h = Hierarchy.create();
        EkChain.Result r = h.verify(h.expired(), h.intermediate());
        assertFalse(r.trusted());
        assertEquals(EkChain.Status.UNTRUSTED, r.status());
        assertEquals(4, r.chain().size(), "the refused path is reported up to the anchor");
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("'CN=Mfg CA'") && p.contains("is not valid at")),
                r.problems().toString());
    }

    /**
     * Four CA levels above the EK, each stored as {@code m} copies of one (subject, key): m − 1 expired copies tried
     * first, the valid renewal last. Trusted, with work linear in the copies: every copy is expanded at most once
     * below a refused path and once below a clean one, and only the renewals are expanded below a clean path.
     * Exploring every combination instead would take m<sup>4</sup> paths.
     */
    @Test
    void expiredCopiesAtEveryLevelCostLinearWork() {
        int levels = 4;
        int m = 3;
        KeyPair[] keys = new KeyPair[levels + 1];
        for (int i = 0; i <= levels; i++) {
            keys[i] = TestCerts.ec("secp256r1");
        }
        X509Certificate root = TestCerts.root("CN=C" + levels, keys[levels]);
        List<EkChain.Sourced> nv = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            for (int copy = 0; copy < m; copy++) {
                TestCerts.Spec s = TestCerts.spec().subject("CN=C" + i).key(keys[i].getPublic())
                        .issuedBy("CN=C" + (i + 1), keys[i + 1].getPrivate()).ca(null);
                if (copy < m - 1) {
                    s.notBefore = AT.minus(Duration.ofDays(3650 + copy));
                    s.notAfter = AT.minus(Duration.ofDays(1 + copy));
                }
                nv.add(new EkChain.Sourced(TestCerts.tc(s.build()), "nv:0x01c00100"));
            }
        }
        X509Certificate ek = TestCerts.spec().issuedBy("CN=C0", keys[0].getPrivate())
                .key(TestCerts.ec("secp256r1").getPublic()).ek().build();
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(TestCerts.tc(ek), "nv:0x01c0000a"), nv,
                TrustBundle.empty().withAnchors(List.of(TestCerts.tc(root))), List.of(), AT, null);
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(levels + 2, r.chain().size());
        for (int i = 1; i <= levels; i++) {
            assertTrue(r.chain().get(i).certificate().isValidAt(AT), r.chain().get(i).toString());
        }
        // the EK; its m issuers; below the m − 1 expired C0 copies, each visiting the m C1 copies; C1..C2 copies
        // below refused paths visiting m issuers each, C3 copies visiting the root; then the clean path: each of
        // the renewals C0..C2 visits the m copies above it, the C3 renewal visits the root
        int refused = (m - 1) * m + (levels - 2) * m * m + m;
        int clean = m + (levels - 1) * m + 1;
        assertEquals(1 + refused + clean, r.work().nodes());
        assertEquals(41, r.work().nodes());
        // every certificate's signature once: the EK and each copy
        assertEquals(1 + levels * m, r.work().signatureChecks());
    }

    /**
     * The intermediate is reached twice (below the expired copy, then below the renewal), and a decoy named
     * "CN=Root" with another key — itself validly issued by the root — is listed before the real root. The decoy's
     * failed signature check on the intermediate is remembered, never turned into a link on the second visit: the
     * trusted chain is EK, renewal, intermediate, root.
     */
    @Test
    void aFailedSignatureCheckStaysFailedWhenTheSameCertificateIsReachedAgain() {
        Hierarchy h = Hierarchy.create();
        KeyPair decoyKey = TestCerts.ec("secp256r1");
        X509Certificate root = h.trust().anchors().get(0).certificate();
        X509Certificate decoy = TestCerts.spec().subject("CN=Root").key(decoyKey.getPublic())
                .issuedBy("CN=Root", h.rootKey().getPrivate()).ca(null).build();
        EkChain.Result r = h.verify(decoy, h.expired(), h.renewal(), h.intermediate());
        assertTrue(r.trusted(), r.problems().toString());
        assertEquals(List.of("CN=Mfg CA", "CN=Vendor Intermediate", "CN=Root"),
                r.chain().subList(1, 4).stream().map(l -> l.certificate().subject()).toList());
        assertEquals(root.getPublicKey(), r.chain().get(3).certificate().publicKey());
    }
}

package dev.tpm2j.ek.attack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;
import dev.tpm2j.ek.TpmTrust;
import dev.tpm2j.ek.TrustBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack review of {@link TpmTrust#defaults()} through the public API only (an independent review, adopted as
 * regression tests). The shipped bundle leaves out the pre-production ICL-N EPID intermediate (cab-exclusions.txt)
 * and the D_TGL DEBUG000 on-die issuing CA (extra-intermediates.txt) on purpose; the review showed omission alone let
 * the device supply the left-out CA itself as path material, so the defaults now distrust the excluded CA's key.
 */
class TrustDefaultsAttackTest {
    static Path testdata() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/real-ek"))) {
                return p.resolve("testdata");
            }
        }
        throw new AssertionError("no testdata");
    }

    static TpmCertificate cert(String rel) throws Exception {
        return TpmCertificates.parseDerOrPem(Files.readAllBytes(testdata().resolve(rel)));
    }

    static EkChain.Sourced nv(String rel, String index) throws Exception {
        return new EkChain.Sourced(cert(rel), "nv:" + index);
    }

    /** The left-out CAs are not in the defaults... */
    @Test
    void excludedCasAreNotInTheDefaults() throws Exception {
        TrustBundle d = TpmTrust.defaults();
        for (String f : List.of("trustedtpm-cab/Intel/IntermediateCA/ICLNEPIDPREPROD_EK_Platform_Public_Key.cer",
                "real-ek/intel-on-die-csme-d-tgl-debug000-issuing-ca.der")) {
            String sha = cert(f).sha256();
            assertTrue(d.anchors().stream().noneMatch(c -> c.sha256().equals(sha)), f);
            assertTrue(d.intermediates().stream().noneMatch(c -> c.sha256().equals(sha)), f);
        }
    }

    /**
     * ...and the pre-production ICL-N intermediate is signed by a default anchor (Intel "TPM EK root cert signing"):
     * supplied by the device it reached that anchor with only leaf objections, so an EK certificate it issued, sent
     * with it from NV, would have been trusted (the exclusion was omission only). Now the defaults distrust its key:
     * refused as a leaf and as a link, whoever supplies it; a caller who adds it explicitly lifts that.
     */
    @Test
    void preProductionIntermediateSuppliedByTheDeviceDoesNotChain() throws Exception {
        TpmCertificate preProd = cert("trustedtpm-cab/Intel/IntermediateCA/ICLNEPIDPREPROD_EK_Platform_Public_Key.cer");
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(preProd, "nv:0x01c00100"), List.of(),
                TpmTrust.defaults(), List.of(), Instant.now(), null);
        assertFalse(r.anchorReached(), r.toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("distrusted")), r.problems().toString());

        // as a link: a leaf claiming that issuer finds no usable issuer in the device's NV chain
        TpmCertificate leaf = cert("real-ek/intel-ptt-adl-ek-rsa.pem");
        EkChain.Result link = EkChain.verify(new EkChain.Sourced(leaf, "nv:0x01c00002"),
                List.of(new EkChain.Sourced(preProd, "nv:0x01c00100")), TpmTrust.defaults(), List.of(), Instant.now(),
                null);
        assertTrue(link.problems().stream().anyMatch(p -> p.contains("distrusted CA")), link.problems().toString());

        // the documented escape hatch: added explicitly, the CA is path material again
        EkChain.Result explicit = EkChain.verify(new EkChain.Sourced(preProd, "nv:0x01c00100"), List.of(),
                TpmTrust.defaults().withIntermediates(List.of(preProd)), List.of(), Instant.now(), null);
        assertTrue(explicit.anchorReached(), explicit.toString());
    }

    /** HELD: the D_TGL DEBUG000 issuing CA hangs off a different (debug) OnDie intermediate, not in the defaults. */
    @Test
    void debugIssuingCaDoesNotReachADefaultAnchor() throws Exception {
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(
                        cert("real-ek/intel-on-die-csme-d-tgl-debug000-issuing-ca.der"), "nv:0x01c00100"), List.of(),
                TpmTrust.defaults(), List.of(), Instant.now(), null);
        System.out.println("[attack] DEBUG000 -> " + r.verdict());
        assertFalse(r.anchorReached(), r.toString());
        assertTrue(r.missingIssuerUrl().orElse("").contains("tsDE.intel.com"), r.toString());
    }

    /**
     * The same with a real leaf: the ADL EK and its on-die NV chain. Simulate "P_ADL issuing CA left out of the bundle"
     * (as DEBUG000 is) by removing it from the defaults; the device then sends it in a chain index and the EK is
     * trusted anyway. Exclusion by omission does not hold against the device.
     */
    @Test
    void anOmittedIssuingCaSuppliedInNvIsTrustedAnyway() throws Exception {
        String[] issuing = {"real-ek/intel-odca-2-csme-p-adl-00002226-issuing-ca.der",
                "real-ek/intel-odca-2-csme-p-adl-00002820-issuing-ca.pem"};
        TpmCertificate ek = cert("real-ek/intel-ptt-adl-ek-rsa.pem");
        List<EkChain.Sourced> onDie = List.of(nv("real-ek/intel-csme-adl-rom-ca.pem", "0x01c00100"),
                nv("real-ek/intel-csme-adl-svn01-kernel-ca.pem", "0x01c00100"),
                nv("real-ek/intel-csme-adl-ptt-01svn.pem", "0x01c00100"));
        List<String> omit = List.of(cert(issuing[0]).sha256(), cert(issuing[1]).sha256());
        TrustBundle d = TpmTrust.defaults();
        TrustBundle withoutIssuing = TrustBundle.empty().withAnchors(d.anchors())
                .withIntermediates(d.intermediates().stream().filter(c -> !omit.contains(c.sha256())).toList());

        EkChain.Result noIssuer = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), onDie, withoutIssuing,
                List.of(), Instant.now(), null);
        assertFalse(noIssuer.trusted(), noIssuer.verdict());

        List<EkChain.Sourced> plusIssuing = new java.util.ArrayList<>(onDie);
        plusIssuing.add(nv(issuing[0], "0x01c00101"));
        plusIssuing.add(nv(issuing[1], "0x01c00101"));
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), plusIssuing, withoutIssuing,
                List.of(), Instant.now(), null);
        System.out.println("[attack] omitted issuing CA supplied by device -> " + r.verdict());
        assertTrue(r.trusted(), r.verdict());
    }

    /**
     * HELD (noted): defaults() is one process-wide bundle whose certificates expose their DER as the live array
     * (TpmCertificate.der() is not a copy). Flipping one byte of the Intel OnDie root's der() does not change the
     * verdict: anchors are recognised by the same (mutated) object and signatures use the parsed key. Restored.
     */
    @Test
    void mutatingTheSharedDefaultsDerDoesNotChangeTheVerdict() throws Exception {
        TpmCertificate ek = cert("real-ek/intel-ptt-adl-ek-rsa.pem");
        List<EkChain.Sourced> onDie = List.of(nv("real-ek/intel-csme-adl-rom-ca.pem", "0x01c00100"),
                nv("real-ek/intel-csme-adl-svn01-kernel-ca.pem", "0x01c00100"),
                nv("real-ek/intel-csme-adl-ptt-01svn.pem", "0x01c00100"));
        EkChain.Result before = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), onDie, TpmTrust.defaults(),
                List.of(), Instant.now(), null);
        assertTrue(before.trusted(), before.verdict());
        TpmCertificate root = TpmTrust.defaults().anchors().stream()
                .filter(c -> c.subject().contains("OnDie CA Root Cert Signing")).findFirst().orElseThrow();
        byte[] live = root.der();
        live[live.length - 1] ^= 1;
        EkChain.Result after;
        try {
            after = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), onDie, TpmTrust.defaults(), List.of(),
                    Instant.now(), null);
        } finally {
            live[live.length - 1] ^= 1;
        }
        System.out.println("[attack] after flipping one byte of defaults().anchors()[OnDie root].der(): "
                + after.verdict());
        assertTrue(after.trusted(), "shared defaults changed through der(): " + after.verdict());
    }
}

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
 * Attack review of {@link TpmTrust#defaults()} through the public API only. The shipped bundle leaves out the
 * pre-production ICL-N EPID intermediate (cab-exclusions.txt) and the D_TGL DEBUG000 on-die issuing CA
 * (extra-intermediates.txt) "on purpose". Omission is the only mechanism: nothing stops the device from supplying
 * the left-out CA itself as path material (NV chain indices, which the owner can write).
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
     * ...but the pre-production ICL-N intermediate is signed by a default anchor (Intel "TPM EK root cert signing"), so
     * presented by the device the path reaches a default anchor and the only objections are that it is a CA, not an
     * EK: an EK certificate it issued, sent with it from NV, would be trusted (FINDING: the exclusion is omission only).
     */
    @Test
    void preProductionIntermediateSuppliedByTheDeviceMustNotChainFINDING() throws Exception {
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(
                        cert("trustedtpm-cab/Intel/IntermediateCA/ICLNEPIDPREPROD_EK_Platform_Public_Key.cer"),
                        "nv:0x01c00100"), List.of(), TpmTrust.defaults(), List.of(), Instant.now(), null);
        System.out.println("[attack] ICLNEPIDPREPROD -> anchorReached=" + r.anchorReached() + " " + r.problems());
        // Observed now: the path reaches the default anchor and every objection is about the leaf not being an EK.
        boolean onlyLeafObjections = r.problems().stream().allMatch(p -> p.contains("not an EK certificate"));
        System.out.println("[attack] ICLNEPIDPREPROD: only leaf objections = " + onlyLeafObjections);
        // Expected (fails until fixed): an excluded CA is refused as a link whoever supplies it.
        assertFalse(r.anchorReached() && onlyLeafObjections, "excluded pre-production CA chains to a default anchor: "
                + r.chain().stream().map(l -> l.certificate().subject() + " [" + l.verdict() + "]").toList());
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

package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.trustbundle.TpmTrustBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link TpmTrust#defaults()}: exactly the shipped bundle's roots as anchors and its intermediates as path material,
 * and enough on its own to verify a real Intel ADL EK certificate through its real on-die chain (testdata/real-ek).
 */
class TpmTrustTest {

    static void verifyWithTheShippedRoots(EkChain.Sourced ekCertificate, List<EkChain.Sourced> onTpmChain,
                                          PrintStream out) {
        // --- begin README example trust
        TrustBundle trust = TpmTrust.defaults();           // the shipped roots (anchors) and intermediates, parsed once
        EkChain.Result chain = EkChain.verify(ekCertificate, onTpmChain, trust, List.of(), Instant.now(), null);
        out.println(chain.verdict() + " (TPM trust bundle " + TpmTrust.version() + ")");
        // --- end README example trust
    }

    @Test
    void theDefaultsAreTheShippedBundleRootsAsAnchorsIntermediatesAsPathMaterial() {
        TpmTrustBundle shipped = TpmTrustBundle.shipped();
        TrustBundle trust = TpmTrust.defaults();
        assertEquals(List.of(), trust.problems());
        assertEquals(sha256(shipped.roots()), trust.anchors().stream().map(TpmCertificate::sha256)
                .collect(Collectors.toSet()));
        assertEquals(sha256(shipped.intermediates()), trust.intermediates().stream().map(TpmCertificate::sha256)
                .collect(Collectors.toSet()));
        assertEquals(shipped.roots().size(), trust.anchors().size());
        assertEquals(shipped.intermediates().size(), trust.intermediates().size());
        Set<String> anchors = sha256(shipped.roots());
        assertTrue(shipped.intermediates().stream().noneMatch(e -> anchors.contains(e.sha256())),
                "an intermediate is never an anchor");
        assertSame(trust, TpmTrust.defaults(), "parsed once");
        assertEquals(shipped.version(), TpmTrust.version());
    }

    @Test
    void aRealAdlEkCertificateVerifiesThroughItsOnDieChainWithTheDefaultsAlone() {
        EkChain.Sourced ek = new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"), "nv:0x01c00002");
        List<EkChain.Sourced> onTpm = NvChainSplitTest.ADL.stream()
                .map(n -> new EkChain.Sourced(RealData.cert(n), "nv:0x01c00100")).toList();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        verifyWithTheShippedRoots(ek, onTpm, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("trusted: chains to "), text);
        assertTrue(text.contains("(TPM trust bundle " + TpmTrust.version() + ")"), text);

        // Without the defaults the same material is not trusted: the anchors come from the bundle, not from NV.
        EkChain.Result none = EkChain.verify(ek, onTpm, TrustBundle.empty(), List.of(), Instant.now(), null);
        assertFalse(none.trusted(), none.verdict());
    }

    private static Set<String> sha256(List<TpmTrustBundle.Entry> entries) {
        return entries.stream().map(TpmTrustBundle.Entry::sha256).collect(Collectors.toSet());
    }
}

package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real EK and CA certificates in the project testdata/ folder: every one parses, quirks are reported, chains build. */
class RealEkCertificatesTest {
    static final Instant AT = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void everyRealCertificateParsesWithItsQuirksReported() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(RealData.root().resolve("real-ek"))) {
            files = s.filter(p -> !p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(files.size() >= 80, "the corpus is there: " + files.size());
        for (Path f : files) {
            TpmCertificate c = RealData.cert(f.getFileName().toString());
            assertEquals(64, c.sha256().length());
        }
        assertTrue(RealData.cert("intel-ptt-adl-ek-rsa.pem").quirks().stream()
                .anyMatch(q -> q.contains("critical FALSE explicitly")));
        assertTrue(RealData.cert("infineon-slb9635-tpm12-ek-rsaoaep-nvheader.der").quirks().stream()
                .anyMatch(q -> q.startsWith("TCG NV header")));
        assertTrue(RealData.cert("infineon-slb9635-tpm12-ek-rsaoaep-nvheader.der").quirks().stream()
                .anyMatch(q -> q.startsWith("RSAES-OAEP")));
        assertTrue(RealData.cert("stm-st33htph-ek-rsa-int05-ffpadded.der").quirks()
                .contains("431 bytes of 0xff padding after the certificate"));
        assertTrue(RealData.cert("nuvoton-npct75x-ek-rsa-root2111.der").quirks().stream()
                .anyMatch(q -> q.contains("not in DER order")));
        assertTrue(RealData.cert("stm-tpm-ek-intermediate-ca-02-serial-00000005-nonminimal.der").quirks().stream()
                .anyMatch(q -> q.contains("non-minimal INTEGER")));
        assertEquals("RSA 2048", RealData.cert("nuvoton-tpm12-ek-rsaoaep-root2010-padded.der").keyType());
        assertEquals("intc", AikServiceUrl.vendorLabel(RealData.cert("intel-ptt-adl-ek-rsa.pem").tpm().get()
                .vendorId().get()));
        assertEquals("id:494E5443", RealData.cert("intel-ptt-adl-ek-rsa.pem").tpm().get().manufacturer());
    }

    @Test
    void trustBundleLoads() {
        TrustBundle b = RealData.bundle();
        assertEquals(26, b.anchors().size());
        assertEquals(143, b.intermediates().size());
        assertEquals(List.of(), b.problems());
    }

    static List<EkChain.Sourced> nv(String... names) {
        return Stream.of(names).map(n -> new EkChain.Sourced(RealData.cert(n), "nv:0x01c00100",
                Provenance.NV_PLATFORM_LOCKED)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"adl", "mtl"})
    void intelOnDieChainsBuildToTheOnDieRootThroughTheBundle(String model) {
        String ek = "intel-ptt-" + model + "-ek-rsa.pem";
        List<EkChain.Sourced> onChip = model.equals("adl")
                ? nv("intel-csme-adl-rom-ca.pem", "intel-csme-adl-svn01-kernel-ca.pem", "intel-csme-adl-ptt-01svn.pem")
                : nv("intel-odca-2-csme-mtl-soc-rom-ca.pem", "intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem",
                "intel-odca-2-csme-mtl-soc-svn-01-ptt-ca.pem");
        TpmCertificate issuing = RealData.cert(model.equals("adl") ? "intel-odca-2-csme-p-adl-00002820-issuing-ca.pem"
                : "intel-odca-2-csme-p-mtl-soc-00003043-issuing-ca.pem");

        // without the per-model issuing CA (published only via the ROM CA's AIA) the chain is incomplete
        EkChain.Result partial = EkChain.verify(new EkChain.Sourced(RealData.cert(ek), "nv:0x01c00002"), onChip,
                RealData.bundle(), List.of(), AT, null);
        assertFalse(partial.trusted());
        assertTrue(partial.problems().get(0).startsWith("missing link"), partial.problems().toString());
        assertTrue(partial.missingIssuerUrl().orElseThrow().startsWith("https://tsci.intel.com/content/OnDieCA/"),
                partial.missingIssuerUrl().toString());
        assertEquals(4, partial.chain().size(), "EK and the three on-chip CAs");

        EkChain.Result full = EkChain.verify(new EkChain.Sourced(RealData.cert(ek), "nv:0x01c00002"), onChip,
                RealData.bundle(), List.of(issuing), AT, null);
        assertTrue(full.trusted(), full.problems().toString());
        assertEquals(7, full.chain().size());
        assertTrue(full.anchor().orElseThrow().subject().contains("OnDie CA Root"), full.verdict());
        assertEquals("supplied", full.chain().get(4).source());

        // the AIK service key id is the off-chip issuing CA's, not the device-unique PTT CA's
        for (EkChain.Result r : List.of(partial, full)) {
            AikServiceUrl url = AikServiceUrl.compute("INTC", r.chain());
            assertEquals(Hex.of(issuing.subjectKeyId()), url.keyId());
            assertEquals(Hex.of(RealData.cert(ek).authorityKeyId()), url.naiveKeyId());
            assertTrue(url.differs());
            assertTrue(url.url().startsWith("https://intc-keyid-" + url.keyId() + ".microsoftaik.azure.net/"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"infineon-slb9670-ek-rsa-mfgca035.der", "infineon-slb9670-ek-ecc-mfgca035.der",
            "infineon-slb9665-ek-rsa-mfgca003.pem", "stm-st33htph-ek-rsa-int05-ffpadded.der",
            "stm-st33htph-ek-ecc-eccint01.der", "stsafe-st33ktpm2x-ek-rsa-int10.pem",
            "nuvoton-npct75x-ek-rsa-root2111.der", "nuvoton-ek-rsa-root2111-keylime-nonder.der",
            "nuvoton-npct6xx-ek-rsa-root1110.der"})
    void discreteEkCertificatesChainThroughTheBundle(String name) {
        TpmCertificate ek = RealData.cert(name);
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(ek, "nv:0x01c00002"), List.of(), RealData.bundle(),
                List.of(), AT, null);
        assertTrue(r.trusted(), name + ": " + r.problems());
        AikServiceUrl url = AikServiceUrl.compute(null, r.chain());
        assertFalse(url.differs(), "no NV chain: the EK certificate's AKI is the right key id");
    }

    @Test
    void intelEkServiceUrlForAnRsaEk() {
        String url = EkCertificateUrls.intel((java.security.interfaces.RSAPublicKey)
                RealData.cert("intel-ptt-adl-ek-rsa.pem").publicKey());
        assertTrue(url.matches("https://ekop\\.intel\\.com/ekcertservice/[A-Za-z0-9_-]{43}%3D"), url);
        String amd = EkCertificateUrls.amd((java.security.interfaces.RSAPublicKey)
                RealData.cert("intel-ptt-adl-ek-rsa.pem").publicKey());
        assertTrue(amd.matches("https://ftpm\\.amd\\.com/pki/aia/[0-9A-F]{32}"), amd);
    }
}

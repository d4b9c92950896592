package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust bundles from PEM bundles with comments, directories of PEM/DER/CRT, and key stores. */
class TrustBundleTest {
    @Test
    void directoryOfMixedFilesWithProblemsCollected(@TempDir Path dir) throws Exception {
        Files.copy(RealData.realEk("infineon-optiga-rsa-root-ca-3.der"), dir.resolve("a.der"));
        Files.copy(RealData.realEk("intel-tpm-ek-root-cert-signing.pem"), dir.resolve("b.pem"));
        Files.copy(RealData.realEk("nuvoton-tpm-root-ca-2010.der"), dir.resolve("c.crt"));
        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        TrustBundle b = TrustBundle.empty().withAnchorsFrom(dir);
        assertEquals(3, b.anchors().size());
        assertEquals(1, b.problems().size());
        assertTrue(b.problems().get(0).contains("broken.pem"), b.problems().toString());
    }

    @Test
    void pkcs12KeyStore(@TempDir Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", RealData.cert("infineon-optiga-rsa-root-ca-3.der").certificate());
        Path p = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(p)) {
            ks.store(out, "changeit".toCharArray());
        }
        TrustBundle b = TrustBundle.empty().withAnchorsFromKeyStore(p, "changeit".toCharArray());
        assertEquals(List.of(RealData.cert("infineon-optiga-rsa-root-ca-3.der").sha256()),
                b.anchors().stream().map(TpmCertificate::sha256).toList());
    }
}

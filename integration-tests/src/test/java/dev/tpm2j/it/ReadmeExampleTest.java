package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first example, compiled and run; and a check that the README still shows exactly this code. */
class ReadmeExampleTest {

    static void firstExample() throws Exception {
        // --- begin README example
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            byte[] der = tpm.nvRead(0x01C00002);               // NV_ReadPublic, then NV_Read in NV_BUFFER_MAX chunks
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            try {
                BigInteger modulus = new BigInteger(1, ((Tpm2bPublicKeyRsa) ek.outPublic().unique()).buffer().toByteArray());
                boolean matches = modulus.equals(((RSAPublicKey) cert.getPublicKey()).getModulus());
                System.out.println(cert.getIssuerX500Principal() + " certifies this TPM's EK: " + matches);
            } finally {
                tpm.flushContext(ek.objectHandle());
            }
        }
        // --- end README example
    }

    @Test
    void exampleRunsAndReportsAMatchingEk() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            firstExample();
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("certifies this TPM's EK: true"), printed);
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        assertSame("first", "src/test/java/dev/tpm2j/it/ReadmeExampleTest.java", "// --- begin README example",
                "// --- end README example");
        assertSame("junit", "src/test/java/dev/tpm2j/it/EkCertificateTest.java", "// --- begin README example junit",
                "// --- end README example junit");
        assertSame("ekchain", "../tpm2-ek/src/test/java/dev/tpm2j/ek/ReadEkChainExampleTest.java",
                "// --- begin README example ekchain", "// --- end README example ekchain");
        assertSame("enroll", "../tpm2-ek/src/test/java/dev/tpm2j/ek/AikEnrollmentExampleTest.java",
                "// --- begin README example enroll", "// --- end README example enroll");
        assertSame("platform", "../tpm2-attest/src/test/java/dev/tpm2j/attest/PlatformAttestationExampleTest.java",
                "// --- begin README example platform", "// --- end README example platform");
        assertSame("keyattest",
                "../tpm2-attest/src/test/java/dev/tpm2j/attest/keyattest/KeyAttestationExampleTest.java",
                "// --- begin README example keyattest", "// --- end README example keyattest");
        assertSame("jca", "../tpm2-jca/src/test/java/dev/tpm2j/jca/ProviderExampleTest.java",
                "// --- begin README example jca", "// --- end README example jca");
    }

    /** The README block between its markers equals the compiled source between its markers, line by line. */
    static void assertSame(String name, String sourceFile, String begin, String end) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- example:" + name + " -->");
        int stop = readme.indexOf("<!-- /example -->", start);
        assertTrue(start >= 0 && stop > start, "README example markers for " + name);
        List<String> readmeLines = readme.substring(start, stop).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("```") && !l.startsWith("<!--")).toList();
        String source = Files.readString(Path.of(sourceFile));
        String example = source.substring(source.indexOf(begin), source.indexOf(end));
        List<String> codeLines = example.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertTrue(codeLines.equals(readmeLines), "README example " + name + " differs from the compiled one:\n"
                + readmeLines + "\nvs\n" + codeLines);
    }
}

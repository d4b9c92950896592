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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The first example (docs/library-guide.md "A first example"), compiled and run; and a check that the documentation
 * still shows exactly this code and the other examples' compiled sources.
 */
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
        assertSame("trust", "../tpm2-ek/src/test/java/dev/tpm2j/ek/TpmTrustTest.java",
                "// --- begin README example trust", "// --- end README example trust");
        assertSame("enroll", "../tpm2-ca/src/test/java/dev/tpm2j/ca/AikEnrollmentExampleTest.java",
                "// --- begin README example enroll", "// --- end README example enroll");
        assertSame("platform", "../tpm2-attest/src/test/java/dev/tpm2j/attest/PlatformAttestationExampleTest.java",
                "// --- begin README example platform", "// --- end README example platform");
        assertSame("keyattest",
                "../tpm2-attest/src/test/java/dev/tpm2j/attest/keyattest/KeyAttestationExampleTest.java",
                "// --- begin README example keyattest", "// --- end README example keyattest");
        assertSame("jca", "../tpm2-jca/src/test/java/dev/tpm2j/jca/ProviderExampleTest.java",
                "// --- begin README example jca", "// --- end README example jca");
    }

    /**
     * The documentation block between its markers equals the compiled source between its markers, line by line. The
     * block is looked up in README.md and docs/*.md (exactly one of them must hold it); returns that file's path
     * relative to the repository root.
     */
    static String assertSame(String name, String sourceFile, String begin, String end) throws Exception {
        String marker = "<!-- example:" + name + " -->";
        List<String> holders = new ArrayList<>();
        String doc = null;
        for (Path file : docFiles()) {
            String text = Files.readString(file);
            if (text.contains(marker)) {
                holders.add(file.toString());
                doc = text;
            }
        }
        assertTrue(holders.size() == 1, "example " + name + " must be in exactly one of README.md, docs/*.md: "
                + holders);
        int start = doc.indexOf(marker);
        int stop = doc.indexOf("<!-- /example -->", start);
        assertTrue(start >= 0 && stop > start, "example markers for " + name + " in " + holders);
        List<String> readmeLines = doc.substring(start, stop).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("```") && !l.startsWith("<!--")).toList();
        String source = Files.readString(Path.of(sourceFile));
        String example = source.substring(source.indexOf(begin), source.indexOf(end));
        List<String> codeLines = example.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertTrue(codeLines.equals(readmeLines), holders.get(0) + " example " + name
                + " differs from the compiled one:\n" + readmeLines + "\nvs\n" + codeLines);
        return Path.of("..").relativize(Path.of(holders.get(0))).toString().replace('\\', '/');
    }

    /** README.md and every docs/*.md, as paths from this module's directory (Maven runs tests there). */
    static List<Path> docFiles() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }
}

package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --logs} on the synthetic MDMDiagnosticsTool folders in testdata/mdm-diagnostics (see its README). */
class LogFolderTest {

    static Path fixtures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("mdm-diagnostics");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        return fail("testdata/mdm-diagnostics was not found");
    }

    static Set<String> names(LogFolder.Report r) {
        return r.explained().stream().map(e -> e.explanation().name().orElse(e.explanation().summary()))
                .collect(Collectors.toSet());
    }

    @Test
    void utf16FolderWithGermanTextFindsTheFlagAndTheEvents() {
        LogFolder.Report r = LogFolder.read(fixtures().resolve("utf16-no-ek-cert"));
        assertEquals(2, r.filesRead(), "TpmHliInfo and the XML export; the .bin file is not read");
        List<LogFinding.Explained> found = r.explained();
        assertTrue(found.stream().anyMatch(e -> e.source().equals("TpmHliInfo_Output.txt") && e.line() == 6
                && e.explanation().name().orElse("").equals("NoValidEkCert")), found.toString());
        Set<Integer> events = found.stream().filter(e -> e.explanation().kind() == Explanation.Kind.EVENT)
                .map(e -> e.explanation().summary().contains("event 156") ? 156 : e.explanation().summary()
                        .contains("event 302") ? 302 : -1).collect(Collectors.toSet());
        assertEquals(Set.of(156, 302), events, "event 100 is not an attestation failure");
        assertTrue(found.stream().anyMatch(e -> e.explanation().code().isPresent()
                && e.explanation().code().getAsInt() == 0x801C0003), "the code in event 302's data");
        assertFalse(found.stream().anyMatch(e -> e.excerpt().contains("0x414D4400")), "a manufacturer id is no code");
    }

    @Test
    void utf8FolderShowsTheWrongAikUrlAndTheCsvEvents() {
        LogFolder.Report r = LogFolder.read(fixtures().resolve("utf8-wrong-aik-url"));
        List<LogFinding.AikUrlUsed> urls = r.findings().stream().filter(f -> f instanceof LogFinding.AikUrlUsed)
                .map(f -> (LogFinding.AikUrlUsed) f).toList();
        assertEquals(1, urls.size());
        assertEquals("https://intc-keyid-4d2a7c0d1e9f8a6b5c4d3e2f1a0b9c8d7e6f5a4b.microsoftaik.azure.net/templates/Aik/scep",
                urls.get(0).url());
        assertTrue(names(r).contains("CRYPT_E_NO_MATCH"), names(r).toString());
        assertTrue(r.explained().stream().anyMatch(e -> e.explanation().summary().startsWith("the AIK service knows no authority")
                && e.explanation().causes().stream().anyMatch(c -> c.check() instanceof Check.AikUrl)));
        // the CSV: event 302 (message with a line break, commas and doubled quotes), not 100 or 999
        List<LogFinding.Explained> csv = r.explained().stream().filter(e -> e.source().equals("Autopilot.csv")).toList();
        assertTrue(csv.stream().anyMatch(e -> e.explanation().kind() == Explanation.Kind.EVENT && e.line() == 3),
                csv.toString());
        assertTrue(csv.stream().anyMatch(e -> e.explanation().code().isPresent()
                && e.explanation().code().getAsInt() == 0x801C0003));
        assertFalse(csv.stream().anyMatch(e -> e.excerpt().contains("ein anderes Ereignis")));
    }

    @Test
    void certreqWithExpiredCertificatePointsAtTheClock() {
        LogFolder.Report r = LogFolder.read(fixtures().resolve("utf8-clock"));
        assertTrue(names(r).contains("CERT_E_EXPIRED"));
        assertTrue(r.explained().stream().flatMap(e -> e.explanation().causes().stream())
                .anyMatch(c -> c.check().command().orElse("").equals("tpm2j diagnose --only clock-skew")));
        assertTrue(r.findings().stream().anyMatch(f -> f instanceof LogFinding.AikUrlUsed u
                && u.url().startsWith("https://amd-keyid-")));
    }

    @Test
    void encodingsWithoutAndWithOtherByteOrderMarks(@TempDir Path dir) throws Exception {
        String text = "Zustand: bereit\r\n-NoValidEkCert: Kein gültiges EK-Zertifikat\r\n";
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] be = text.getBytes(StandardCharsets.UTF_16BE);
        byte[] beBom = new byte[be.length + 2];
        beBom[0] = (byte) 0xFE;
        beBom[1] = (byte) 0xFF;
        System.arraycopy(be, 0, beBom, 2, be.length);
        for (byte[] bytes : List.of(le, be, beBom)) {
            List<LogFinding> found = LogFolder.parse("TpmHliInfo_Output.txt", LogFolder.FileKind.TPM_HLI_INFO, bytes);
            assertEquals(1, found.size(), found.toString());
            LogFinding.Explained e = (LogFinding.Explained) found.get(0);
            assertEquals(2, e.line(), "CRLF counted as one line break");
            assertEquals("-NoValidEkCert: Kein gültiges EK-Zertifikat", e.excerpt());
        }
    }

    @Test
    void garbageIsSkippedNeverFatal() {
        LogFolder.Report r = LogFolder.read(fixtures().resolve("garbage"));
        assertEquals(5, r.filesRead());
        assertEquals(List.of(), r.explained(), "random bytes explain nothing");
    }

    @Test
    void evtxIsNamedAsSkippedAndAMissingFolderIsAnError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("Autopilot.evtx"), new byte[] {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0});
        Files.writeString(dir.resolve("TpmHliInfo_Output.txt"), "-NoValidEkCert", StandardCharsets.UTF_8);
        LogFolder.Report r = LogFolder.read(dir);
        assertTrue(r.findings().stream().anyMatch(f -> f instanceof LogFinding.Skipped s
                && s.source().equals("Autopilot.evtx") && s.why().contains("wevtutil")));
        assertEquals(1, r.explained().size());
        try {
            LogFolder.read(dir.resolve("absent"));
            fail("a missing folder must be reported");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("not a directory"));
        }
    }

    @Test
    void autopilotEventsReadsWevtutilXmlAndSaysNotOnWindowsHere() throws Exception {
        byte[] xml = Files.readAllBytes(fixtures().resolve("utf16-no-ek-cert/AutopilotEvents.xml"));
        AutopilotEvents.Result.Read read = AutopilotEvents.fromXml("Autopilot", xml);
        assertEquals(3, read.events());
        assertTrue(read.tpmCauseLogged());
        assertEquals("3 events read; logged: event 156, event 302, 0x801c0003", read.detail());
        assertTrue(read.checks().contains("tpm2j diagnose --only virtual-tpm"), read.checks().toString());
        assertEquals(read.checks().size(), Set.copyOf(read.checks()).size());
        AutopilotEvents.Result.Read quiet = AutopilotEvents.fromXml("Autopilot",
                "<Event><System><EventID>100</EventID></System></Event>".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, quiet.events());
        assertFalse(quiet.tpmCauseLogged());
        assertEquals("1 events read; no TPM attestation failure logged", quiet.detail());
        AutopilotEvents.Result live = AutopilotEvents.read();
        if (System.getProperty("os.name").startsWith("Windows")) {
            assertFalse(live instanceof AutopilotEvents.Result.NotOnWindows);
        } else {
            assertTrue(live instanceof AutopilotEvents.Result.NotOnWindows, live.toString());
        }
    }
}

package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parsers of untrusted diagnostics text: byte decoding, wevtutil XML, Event Viewer CSV, the line-by-line log
 * readers and the explainer itself. Oracle: no exception at all (these parsers skip what they do not understand),
 * output bounded by the input's size, and a bounded time per input. Seeds: the synthetic fixtures of
 * testdata/mdm-diagnostics cut to size, plus edge cases (lone BOMs, odd-length UTF-16, unterminated quotes and
 * elements, nested event starts).
 */
class ExplainParsersFuzzTest {
    private static final long MAX_NANOS = 5_000_000_000L;

    private static void timed(String what, Runnable r) {
        long start = System.nanoTime();
        r.run();
        long took = System.nanoTime() - start;
        assertTrue(took < MAX_NANOS, what + " took " + took / 1_000_000 + " ms");
    }

    @FuzzTest
    void logText(byte[] in) {
        timed("decode", () -> {
            String s = LogText.decode(in);
            assertTrue(s.length() <= in.length, "more characters than bytes");
            assertTrue(s.indexOf('\r') < 0 && s.indexOf('\0') < 0, "CR or NUL left");
        });
    }

    @FuzzTest
    void eventXml(byte[] in) {
        timed("wevtutil XML", () -> {
            String text = LogText.decode(in);
            List<EventRecord> records = EventRecord.parseXml(text);
            assertTrue(records.size() <= in.length / 20 + 1, "more records than the input can hold");
            for (EventRecord r : records) {
                assertTrue(r.eventId() >= 0 && r.eventId() <= 0xFFFF && r.text().length() <= text.length());
            }
        });
    }

    @FuzzTest
    void eventCsv(byte[] in) {
        timed("Event Viewer CSV", () -> {
            String text = LogText.decode(in);
            List<EventRecord> records = EventRecord.parseCsv(text);
            assertTrue(records.size() <= in.length / 4 + 1, "more records than rows");
            for (EventRecord r : records) {
                assertTrue(r.eventId() >= 0 && r.eventId() <= 0xFFFF && r.position() >= 1);
            }
        });
    }

    @FuzzTest
    void logFile(FuzzedDataProvider d) {
        LogFolder.FileKind kind = d.pickValue(LogFolder.FileKind.values());
        byte[] bytes = d.consumeRemainingAsBytes();
        timed("log file " + kind, () -> {
            List<LogFinding> findings = LogFolder.parse("f", kind, bytes);
            assertTrue(findings.size() <= LogFolder.MAX_FINDINGS_PER_FILE + 2);
            for (LogFinding f : findings) {
                if (f instanceof LogFinding.Explained e) {
                    assertTrue(e.excerpt().length() <= 300 && !e.explanation().causes().isEmpty());
                }
            }
        });
    }

    @FuzzTest
    void paste(byte[] in) {
        String text = new String(in, StandardCharsets.UTF_8);
        timed("paste", () -> {
            Paste p = Paste.parse(text);
            assertTrue(p.findings().size() <= 3 * Paste.MAX_ITEMS, "more findings than allowed");
            int last = -1;
            for (Paste.Finding f : p.findings()) {
                assertTrue(f.position() >= last && f.position() < Math.max(1, text.length()), "out of order");
                last = f.position();
                assertTrue(f.what() != Paste.What.EVENT || f.value() >= 0 && f.value() <= 99_999);
                assertTrue(f.what() == Paste.What.PHRASE ? f.phrase() != null : f.phrase() == null);
            }
            assertTrue(p.codes().stream().distinct().count() == p.codes().size(), "a code twice");
        });
    }

    @FuzzTest
    void explainer(byte[] in) {
        String input = new String(in, StandardCharsets.UTF_8);
        timed("explain", () -> {
            Explanation e = Explainer.explain(input);
            assertTrue(e.input().equals(input));
            if (e instanceof Explanation.Recognised r) {
                assertTrue(!r.summary().isBlank() && !r.causes().isEmpty(), "a recognised input without causes");
            }
        });
    }
}

package dev.tpm2j.diagnose.explain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an extracted {@code MDMDiagnosticsTool.exe -area Autopilot;TPM} folder: {@code TpmHliInfo_Output.txt}
 * (TPM flags such as {@code -NoValidEkCert}), {@code Certreq_enrollaik_output.txt} (the AIK URL used, CERT_E_EXPIRED,
 * "the authority … does not exist") and Autopilot event exports ({@code wevtutil qe … /f:xml} as .xml, Event Viewer
 * CSV as .csv). Every file is untrusted: UTF-16LE with BOM, CRLF and localized text around the stable parts (codes,
 * event ids, URLs) are expected; unknown content is skipped, never fatal.
 */
public final class LogFolder {
    private LogFolder() {
    }

    /** Files larger than this are skipped. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** At most this many files are looked at, at most this deep. */
    static final int MAX_FILES = 5000;
    static final int MAX_DEPTH = 6;
    /** At most this many findings per file. */
    static final int MAX_FINDINGS_PER_FILE = 500;

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern AIK_URL = Pattern.compile(
            "(?i)https://[a-z0-9-]{1,120}(?:\\.[a-z0-9-]{1,63}){0,4}\\.microsoftaik\\.azure\\.net(?:/[^\\s\"'<>]{0,300})?");

    /**
     * The findings of a folder.
     *
     * @param findings what was found, file by file
     * @param filesRead how many files were read
     */
    public record Report(List<LogFinding> findings, int filesRead) {
        /** Copies the list. */
        public Report {
            findings = List.copyOf(findings);
        }

        /** The explained findings only. */
        public List<LogFinding.Explained> explained() {
            return findings.stream().filter(f -> f instanceof LogFinding.Explained)
                    .map(f -> (LogFinding.Explained) f).toList();
        }
    }

    /** What kind of file a name is. */
    enum FileKind { TPM_HLI_INFO, CERTREQ_ENROLLAIK, EVENTS_XML, EVENTS_CSV, EVTX, OTHER }

    static FileKind kindOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.startsWith("tpmhliinfo") && n.endsWith(".txt")) {
            return FileKind.TPM_HLI_INFO;
        }
        if (n.startsWith("certreq") && n.endsWith(".txt")) {
            return FileKind.CERTREQ_ENROLLAIK;
        }
        if (n.endsWith(".xml")) {
            return FileKind.EVENTS_XML;
        }
        if (n.endsWith(".csv")) {
            return FileKind.EVENTS_CSV;
        }
        if (n.endsWith(".evtx")) {
            return FileKind.EVTX;
        }
        return FileKind.OTHER;
    }

    /**
     * Reads every file of {@code dir} tpm2j understands. Throws {@link IllegalArgumentException} only when
     * {@code dir} is not a directory; problems with single files become {@link LogFinding.Skipped}.
     */
    public static Report read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        List<LogFinding> findings = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).limit(MAX_FILES).sorted()
                    .forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            findings.add(new LogFinding.Skipped(dir.toString(), "could not list the folder completely: "
                    + e.getMessage()));
        }
        int read = 0;
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            FileKind kind = kindOf(file.getFileName().toString());
            if (kind == FileKind.OTHER) {
                continue;
            }
            if (kind == FileKind.EVTX) {
                findings.add(new LogFinding.Skipped(name, "a binary event log: export it with wevtutil qe … /f:xml "
                        + "(or Save as CSV in Event Viewer) and pass the export"));
                continue;
            }
            byte[] bytes;
            try {
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    findings.add(new LogFinding.Skipped(name, "larger than " + MAX_FILE_BYTES + " bytes"));
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES);
                }
            } catch (IOException e) {
                findings.add(new LogFinding.Skipped(name, "unreadable: " + e.getMessage()));
                continue;
            }
            read++;
            findings.addAll(parse(name, kind, bytes));
        }
        return new Report(findings, read);
    }

    /** The findings of one file's bytes; never throws. */
    static List<LogFinding> parse(String name, FileKind kind, byte[] bytes) {
        String text = LogText.decode(bytes);
        List<LogFinding> out = new ArrayList<>();
        switch (kind) {
            case TPM_HLI_INFO, CERTREQ_ENROLLAIK, OTHER, EVTX -> lines(name, text, kind == FileKind.CERTREQ_ENROLLAIK, out);
            case EVENTS_XML -> events(name, EventRecord.parseXml(text), out);
            case EVENTS_CSV -> events(name, EventRecord.parseCsv(text), out);
        }
        return out;
    }

    private static void lines(String name, String text, boolean aikUrls, List<LogFinding> out) {
        int n = 0;
        for (String line : LogText.lines(text)) {
            n++;
            if (out.size() >= MAX_FINDINGS_PER_FILE) {
                return;
            }
            if (aikUrls) {
                Matcher m = AIK_URL.matcher(line);
                while (m.find() && out.size() < MAX_FINDINGS_PER_FILE) {
                    out.add(new LogFinding.AikUrlUsed(name, n, m.group()));
                }
            }
            Explanation.Recognised r = interesting(Explainer.explain(line));
            if (r != null && r.kind() == Explanation.Kind.EVENT && !line.toLowerCase(Locale.ROOT).contains("event")) {
                r = null; // a bare number in a text log is not an event id
            }
            if (r != null) {
                out.add(new LogFinding.Explained(name, n, excerpt(line), r));
            }
        }
    }

    private static void events(String name, List<EventRecord> records, List<LogFinding> out) {
        for (EventRecord e : records) {
            if (out.size() >= MAX_FINDINGS_PER_FILE) {
                return;
            }
            explainEvent(name, e, out);
        }
    }

    /** Adds what an event tells: its id when tpm2j knows it, and the codes and messages in its text. */
    static void explainEvent(String source, EventRecord e, List<LogFinding> out) {
        Explanation byText = Explainer.explain(e.text());
        Explanation.Recognised fromText = interesting(byText);
        if (Knowledge.isKnownEvent(e.eventId())) {
            Explanation.Recognised ev = (Explanation.Recognised) Explainer.explain("event " + e.eventId());
            out.add(new LogFinding.Explained(source, e.position(), excerpt(e.text()), ev));
        }
        if (fromText != null && fromText.kind() != Explanation.Kind.EVENT) {
            out.add(new LogFinding.Explained(source, e.position(), excerpt(e.text()), fromText));
        }
    }

    /** Keeps what matters in a log: Windows attestation codes, TPM-stack codes, events and known messages. */
    static Explanation.Recognised interesting(Explanation e) {
        if (!(e instanceof Explanation.Recognised r)) {
            return null;
        }
        if (r.code().isEmpty()) {
            return r;
        }
        int code = r.code().getAsInt();
        boolean windowsTpm = (code & 0xFFFE0000) == 0x80280000;
        return Knowledge.code(code) != null || windowsTpm ? r : null;
    }

    static String excerpt(String s) {
        String t = SPACES.matcher(s.strip()).replaceAll(" ");
        return t.length() <= 300 ? t : t.substring(0, 297) + "...";
    }
}

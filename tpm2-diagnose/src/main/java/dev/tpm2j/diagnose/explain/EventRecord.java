package dev.tpm2j.diagnose.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Windows event as exported by {@code wevtutil qe … /f:xml} or Event Viewer's "Save as CSV": the event id, the
 * provider (may be empty), where it was in the file, and its text with markup removed. The parsers take untrusted
 * text and only ever return fewer records for worse input; they never throw.
 *
 * @param eventId  the event id (0–65535)
 * @param provider the provider name, or "" when the export has none
 * @param position the 1-based line of the record's start in its file
 * @param text     the record's text: its XML after the System element (EventData, message) with tags removed and
 *                 entities decoded, or the CSV fields joined
 */
record EventRecord(int eventId, String provider, int position, String text) {

    /** At most this many records are taken from one file. */
    static final int MAX_RECORDS = 100_000;

    private static final Pattern EVENT_ID = Pattern.compile("<EventID(?:\\s[^<>]{0,200})?>\\s*(\\d{1,5})\\s*</EventID>");
    private static final Pattern PROVIDER = Pattern.compile("<Provider\\s[^<>]{0,400}?Name\\s*=\\s*['\"]([^'\"<>]{0,200})['\"]");
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,2000}>");

    /** The events of a wevtutil XML export (with or without an enclosing root element). */
    static List<EventRecord> parseXml(String xml) {
        List<EventRecord> out = new ArrayList<>();
        int from = 0;
        int line = 1;
        int counted = 0;
        while (out.size() < MAX_RECORDS) {
            int start = indexOfEventStart(xml, from);
            if (start < 0) {
                break;
            }
            int end = xml.indexOf("</Event>", start);
            int stop = end < 0 ? xml.length() : end + "</Event>".length();
            String block = xml.substring(start, stop);
            line += countLines(xml, counted, start);
            counted = start;
            Matcher id = EVENT_ID.matcher(block);
            if (id.find()) {
                int eventId = Integer.parseInt(id.group(1));
                Matcher p = PROVIDER.matcher(block);
                String provider = p.find() ? p.group(1) : "";
                if (eventId <= 0xFFFF) {
                    int system = block.indexOf("</System>");
                    String body = system >= 0 ? block.substring(system + "</System>".length()) : block;
                    out.add(new EventRecord(eventId, provider, line, text(body)));
                }
            }
            from = stop;
        }
        return out;
    }

    private static int indexOfEventStart(String xml, int from) {
        int i = from;
        while (true) {
            int at = xml.indexOf("<Event", i);
            if (at < 0) {
                return -1;
            }
            int next = at + "<Event".length();
            if (next >= xml.length() || xml.charAt(next) == '>' || Character.isWhitespace(xml.charAt(next))) {
                return at;
            }
            i = next;
        }
    }

    private static int countLines(String s, int from, int to) {
        int line = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String text(String block) {
        String t = TAG.matcher(block).replaceAll(" ");
        return t.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /**
     * The events of an Event Viewer CSV export: one record per row (quoted fields may hold commas, quotes and line
     * breaks). The header row, whatever its language, is skipped because it has no numeric field. The event id is the
     * first whole-number field after the provider field (the one naming ModernDeployment or Device Registration), or
     * the fourth field when no provider is recognised (Level, Date and Time, Source, Event ID, Task Category, text).
     */
    static List<EventRecord> parseCsv(String csv) {
        List<EventRecord> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i <= csv.length() && out.size() < MAX_RECORDS; i++) {
            char c = i < csv.length() ? csv.charAt(i) : '\n';
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                if (i == csv.length()) {
                    quoted = false;
                }
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                EventRecord r = csvRecord(fields, recordLine);
                if (r != null) {
                    out.add(r);
                }
                fields.clear();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        return out;
    }

    private static EventRecord csvRecord(List<String> fields, int line) {
        int providerAt = -1;
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (f.contains("ModernDeployment") || f.contains("Device Registration") || f.contains("DeviceRegistration")) {
                providerAt = i;
                break;
            }
        }
        Integer id = null;
        if (providerAt >= 0) {
            for (int i = providerAt + 1; i < fields.size() && id == null; i++) {
                id = eventId(fields.get(i));
            }
        } else if (fields.size() > 3) {
            id = eventId(fields.get(3));
        }
        if (id == null) {
            return null;
        }
        return new EventRecord(id, providerAt >= 0 ? fields.get(providerAt).strip() : "", line,
                String.join(" ", fields));
    }

    private static Integer eventId(String f) {
        String s = f.strip();
        if (SHORT_NUMBER.matcher(s).matches()) {
            int v = Integer.parseInt(s);
            return v <= 0xFFFF ? v : null;
        }
        return null;
    }
}

package dev.tpm2j.diagnose.explain;

import dev.tpm2j.core.types.WindowsTpmRc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pasted text holds that tpm2j can explain, in the order it appears: 32-bit codes (0x-prefixed or bare hex,
 * negative decimal HRESULTs as Windows logs them, winerror.h names such as TPM_E_NOTFIPS), event ids (Event Viewer
 * text in any language that writes the id as {@code <word>-ID: n} or {@code Event ID n}, wevtutil XML, Event Viewer
 * CSV rows) and known message phrases (tpmtool, dsregcmd, certreq and service messages). The text is untrusted: it is
 * cut to {@link Explainer#MAX_INPUT} characters, matched with bounded patterns, and at most {@link #MAX_ITEMS} of each
 * kind are kept.
 *
 * @param lower    the text, lower case (for phrase look-ups)
 * @param findings what was found, by position
 */
record Paste(String lower, List<Finding> findings) {

    /** At most this many codes, events and phrases each. */
    static final int MAX_ITEMS = 32;

    /** What a finding is. */
    enum What { CODE, EVENT, PHRASE }

    /**
     * One thing found.
     *
     * @param what     code, event id or phrase
     * @param position where it starts in the text
     * @param value    the code or event id (0 for a phrase)
     * @param phrase   the phrase symptom (null unless {@code what} is PHRASE)
     */
    record Finding(What what, int position, int value, Knowledge.Symptom phrase) {
    }

    private static final Pattern HEX = Pattern.compile("(?i)(?<![0-9a-z])0x([0-9a-f]{8})(?![0-9a-z])");
    private static final Pattern BARE_HEX = Pattern.compile("(?i)(?<![0-9a-z])([8c][0-9a-f]{7})(?![0-9a-z])");
    private static final Pattern NEGATIVE = Pattern.compile("(?<![0-9a-zA-Z-])-(\\d{9,10})(?![0-9])");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,100}");
    private static final Pattern EVENT = Pattern.compile(
            "(?i)(?<![a-z])(?:event\\s*id|ereignis-id|id\\s+de\\s+evento|id\\s+d['’]événement|event)\\s*[:#=]?\\s*(\\d{1,5})(?![0-9])");
    private static final Pattern XML_EVENT = Pattern.compile("(?i)<EventID(?:\\s[^<>]{0,200})?>\\s*(\\d{1,5})\\s*</EventID>");
    private static final Pattern CSV_ROW = Pattern.compile(
            "(?im)^\\s*\"?(?:error|warning|information|critical|fehler|warnung|informationen|erreur|avertissement)\"?,"
                    + "[^,\\n]{0,80},\"?[A-Za-z][A-Za-z0-9 ._-]{0,120}\"?,\"?(\\d{1,5})\"?,");
    private static final Map<String, Integer> WINDOWS_NAMES = new HashMap<>();

    static {
        for (int c : WindowsTpmRc.namedCodes()) {
            WINDOWS_NAMES.put(WindowsTpmRc.name(c), c);
        }
    }

    /** Parses a paste; never throws (null is empty). */
    static Paste parse(String text) {
        String s = text == null ? "" : text.length() > Explainer.MAX_INPUT ? text.substring(0, Explainer.MAX_INPUT) : text;
        String lower = s.toLowerCase(Locale.ROOT);
        List<Finding> out = new ArrayList<>();
        Set<Integer> codes = new LinkedHashSet<>();
        codes(s, out, codes);
        Set<Integer> events = new LinkedHashSet<>();
        for (Pattern p : List.of(EVENT, XML_EVENT, CSV_ROW)) {
            Matcher m = p.matcher(s);
            while (m.find() && events.size() < MAX_ITEMS) {
                int id = Integer.parseInt(m.group(1));
                if (events.add(id)) {
                    out.add(new Finding(What.EVENT, m.start(), id, null));
                }
            }
        }
        int phrases = 0;
        for (Knowledge.Symptom p : Knowledge.phrases()) {
            int at = -1;
            for (String part : p.key().split("&&")) { // every part must be there; the first one places it
                int i = lower.indexOf(part);
                if (i < 0) {
                    at = -1;
                    break;
                }
                at = at < 0 ? i : at;
            }
            if (at >= 0 && phrases++ < MAX_ITEMS) {
                out.add(new Finding(What.PHRASE, at, 0, p));
            }
        }
        out.sort(Comparator.comparingInt(Finding::position));
        return new Paste(lower, List.copyOf(out));
    }

    private static void codes(String s, List<Finding> out, Set<Integer> seen) {
        for (Pattern p : List.of(HEX, BARE_HEX)) {
            Matcher m = p.matcher(s);
            while (m.find() && seen.size() < MAX_ITEMS) {
                add(out, seen, (int) Long.parseLong(m.group(1), 16), m.start());
            }
        }
        Matcher neg = NEGATIVE.matcher(s);
        while (neg.find() && seen.size() < MAX_ITEMS) {
            long v = -Long.parseLong(neg.group(1));
            if (v >= Integer.MIN_VALUE && v <= -0x01000000L) { // an HRESULT with the severity bit, written signed
                add(out, seen, (int) v, neg.start());
            }
        }
        Matcher w = WORD.matcher(s);
        while (w.find() && seen.size() < MAX_ITEMS) {
            String word = w.group();
            if (word.indexOf('_') < 0) {
                continue;
            }
            Integer c = WINDOWS_NAMES.get(word.toUpperCase(Locale.ROOT));
            if (c == null) {
                c = Knowledge.codeOfName(word);
            }
            if (c != null) {
                add(out, seen, c, w.start());
            }
        }
    }

    private static void add(List<Finding> out, Set<Integer> seen, int code, int at) {
        if (seen.add(code)) {
            out.add(new Finding(What.CODE, at, code, null));
        }
    }

    /** The codes found, in order of appearance. */
    List<Integer> codes() {
        return findings.stream().filter(f -> f.what() == What.CODE).map(Finding::value).toList();
    }
}

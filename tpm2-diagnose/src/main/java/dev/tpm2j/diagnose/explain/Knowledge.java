package dev.tpm2j.diagnose.explain;

import dev.tpm2j.diagnose.explain.Check.DiagnoseCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The explain knowledge base, read once from the resources next to this class: {@code causes.tsv} (the causes and
 * their checks), {@code symptoms.tsv} (codes, event ids and message phrases, each with its causes, most likely first)
 * and {@code evidence.tsv} (phrases in a paste that move a cause up). The data comes from public Microsoft
 * documentation and community write-ups; testdata/field-symptoms holds the symptoms it is measured against.
 */
final class Knowledge {
    private Knowledge() {
    }

    /** A known symptom: its key, symbolic name (or null), summary and causes (most likely first). */
    record Symptom(String key, String name, String summary, List<Cause> causes) {
    }

    /** A phrase that speaks for a cause. */
    record Evidence(String phrase, Cause cause, int weight, String why) {
    }

    /** A known event: its id, the word the paste must hold (or null), and what it means. */
    record Event(int id, String requires, Symptom symptom) {
    }

    private static final Map<String, Cause> CAUSES = new LinkedHashMap<>();
    private static final Map<Integer, Symptom> CODES = new HashMap<>();
    private static final List<Event> EVENTS = new ArrayList<>();
    private static final List<Symptom> PHRASES = new ArrayList<>();
    private static final Map<String, Integer> NAMES = new HashMap<>();
    private static final List<Evidence> EVIDENCE = new ArrayList<>();

    static {
        for (String[] f : rows("causes.tsv", 4)) {
            CAUSES.put(f[0], cause(f[0], f[1], f[2], f[3]));
        }
        for (String[] f : rows("symptoms.tsv", 4)) {
            List<Cause> causes = new ArrayList<>();
            for (String id : f[2].split(",")) {
                causes.add(cause(id));
            }
            String name = f[1].equals("-") ? null : f[1];
            Symptom s = new Symptom(f[0], name, f[3], List.copyOf(causes));
            if (f[0].startsWith("code:0x")) {
                int code = (int) Long.parseLong(f[0].substring(7), 16);
                CODES.put(code, s);
                if (name != null) {
                    NAMES.put(name.toUpperCase(Locale.ROOT), code);
                }
            } else if (f[0].startsWith("event:")) {
                String[] e = f[0].substring(6).split("\\|", 2);
                EVENTS.add(new Event(Integer.parseInt(e[0]), e.length > 1 ? e[1] : null, s));
            } else if (f[0].startsWith("text:")) {
                PHRASES.add(new Symptom(f[0].substring(5), name, f[3], s.causes()));
            } else {
                throw new IllegalStateException("symptoms.tsv: unknown key " + f[0]);
            }
        }
        for (String[] f : rows("evidence.tsv", 4)) {
            EVIDENCE.add(new Evidence(f[0], cause(f[1]), Integer.parseInt(f[2]), f[3]));
        }
    }

    private static Cause cause(String id, String where, String check, String text) {
        Check c;
        if (check.startsWith("diagnose:")) {
            String want = check.substring(9);
            DiagnoseCheck d = null;
            for (DiagnoseCheck x : DiagnoseCheck.values()) {
                d = x.id().equals(want) ? x : d;
            }
            if (d == null) {
                throw new IllegalStateException("causes.tsv: unknown diagnose check " + want);
            }
            c = new Check.Diagnose(d);
        } else if (check.equals("ek-chain")) {
            c = new Check.EkChain();
        } else if (check.equals("aik-url")) {
            c = new Check.AikUrl();
        } else if (check.startsWith("outside:")) {
            c = new Check.OutsideTpm2j(check.substring(8));
        } else {
            throw new IllegalStateException("causes.tsv: unknown check " + check);
        }
        return new Cause(id, text, where.equals("tpm") ? Cause.Where.TPM : Cause.Where.ELSEWHERE, c);
    }

    private static List<String[]> rows(String resource, int fields) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Knowledge.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from tpm2-ek");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", fields);
                if (f.length != fields) {
                    throw new IllegalStateException(resource + ": a line needs " + fields + " fields: " + line);
                }
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The cause of an id; throws for an unknown id (a broken knowledge base must not load). */
    static Cause cause(String id) {
        Cause c = CAUSES.get(id);
        if (c == null) {
            throw new IllegalStateException("unknown cause id " + id);
        }
        return c;
    }

    /** Every cause id, in file order. */
    static List<String> causeIds() {
        return List.copyOf(CAUSES.keySet());
    }

    /** The symptom of a code, or null. */
    static Symptom code(int code) {
        return CODES.get(code);
    }

    /** The known events. */
    static List<Event> events() {
        return EVENTS;
    }

    /** The symptom of an event id given the lower-case paste it came in, or null. */
    static Symptom event(int id, String lower) {
        for (Event e : EVENTS) {
            if (e.id() == id && (e.requires() == null || lower.contains(e.requires()))) {
                return e.symptom();
            }
        }
        return null;
    }

    /** True for an event id known without any other word in the paste (302, 156, 204, 171, 172). */
    static boolean isKnownEvent(int id) {
        return EVENTS.stream().anyMatch(e -> e.id() == id && e.requires() == null);
    }

    /** The message phrases (keys are lower case). */
    static List<Symptom> phrases() {
        return PHRASES;
    }

    /** The code of a symbolic name the knowledge base knows (CERT_E_EXPIRED …), or null. */
    static Integer codeOfName(String name) {
        return NAMES.get(name.toUpperCase(Locale.ROOT));
    }

    /** The evidence phrases. */
    static List<Evidence> evidence() {
        return EVIDENCE;
    }
}

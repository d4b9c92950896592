package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real symptoms of testdata/field-symptoms (harvested from Microsoft documentation and community write-ups, each
 * with its source and the cause the source gives): at least 90 % recognised, the source's cause among the top three
 * for at least 80 % of the TPM-related ones, and "not the TPM" as the top cause for every look-alike.
 */
class FieldSymptomsTest {

    /** One symptom of the corpus. */
    record Symptom(String id, boolean tpm, String cause, String source, String paste) {
    }

    static List<Symptom> corpus;

    @BeforeAll
    static void load() throws IOException {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("field-symptoms");
            dir = Files.isDirectory(candidate) ? candidate : null;
        }
        if (dir == null) {
            fail("testdata/field-symptoms was not found");
        }
        corpus = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("symptoms.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 6);
            assertEquals(6, f.length, line);
            assertTrue(f[1].equals("yes") || f[1].equals("no"), line);
            assertTrue(f[3].startsWith("https://"), "every symptom has its source: " + line);
            corpus.add(new Symptom(f[0], f[1].equals("yes"), f[2], f[3], f[5].replace("\\n", "\n")));
        }
    }

    @Test
    void theCorpusIsLargeEnoughAndItsCausesAreOnesTpm2jKnows() {
        assertTrue(corpus.size() >= 80, "only " + corpus.size() + " symptoms");
        assertTrue(corpus.stream().filter(s -> !s.tpm()).count() >= 20, "too few look-alikes");
        for (Symptom s : corpus) {
            assertTrue(Knowledge.causeIds().contains(s.cause()), s.id() + ": unknown cause id " + s.cause());
            assertEquals(s.tpm() && !s.cause().equals("service-intermittent") && !s.cause().equals("windows-update"),
                    Knowledge.cause(s.cause()).inTpm(), s.id() + ": tpm flag and the cause's place disagree");
        }
    }

    @Test
    void recognisedAndRankedAsTheSourcesSay() {
        int recognised = 0;
        int tpm = 0;
        int topThree = 0;
        List<String> misses = new ArrayList<>();
        for (Symptom s : corpus) {
            Explanation e = Explainer.explain(s.paste());
            if (!(e instanceof Explanation.Recognised r)) {
                misses.add(s.id() + " not recognised");
                continue;
            }
            recognised++;
            List<String> ids = r.causes().stream().map(Cause::id).toList();
            if (s.tpm()) {
                tpm++;
                if (ids.subList(0, Math.min(3, ids.size())).contains(s.cause())) {
                    topThree++;
                } else {
                    misses.add(s.id() + " wants " + s.cause() + " in the top three, got " + ids);
                }
            }
        }
        double recognisedShare = recognised / (double) corpus.size();
        double topThreeShare = topThree / (double) tpm;
        System.out.printf("field symptoms: %d of %d recognised; source's cause in the top three for %d of %d "
                + "TPM-related; misses: %s%n", recognised, corpus.size(), topThree, tpm, misses);
        assertTrue(recognisedShare >= 0.90, "recognised " + recognisedShare + ": " + misses);
        assertTrue(topThreeShare >= 0.80, "source's cause in the top three for " + topThreeShare + ": " + misses);
    }

    @Test
    void lookAlikesAreAnsweredNotTheTpm() {
        List<String> wrong = new ArrayList<>();
        for (Symptom s : corpus) {
            if (s.tpm()) {
                continue;
            }
            Explanation e = Explainer.explain(s.paste());
            if (!(e instanceof Explanation.Recognised r) || r.causes().isEmpty() || r.causes().get(0).inTpm()) {
                wrong.add(s.id() + " -> " + (e instanceof Explanation.Recognised r2 ? r2.causes().get(0).id() : e));
            }
        }
        assertEquals(List.of(), wrong, "look-alikes whose top cause is the TPM (or that are not recognised)");
    }

    @Test
    void everyRankedCauseSaysWhy() {
        for (Symptom s : corpus) {
            if (Explainer.explain(s.paste()) instanceof Explanation.Recognised r) {
                assertFalse(r.ranked().isEmpty(), s.id());
                for (int i = 0; i < r.ranked().size(); i++) {
                    RankedCause c = r.ranked().get(i);
                    assertFalse(c.why().isEmpty(), s.id() + ": " + c.cause().id() + " without a reason");
                    assertTrue(i == 0 || r.ranked().get(i - 1).score() >= c.score(), s.id() + ": not in score order");
                }
            }
        }
    }
}

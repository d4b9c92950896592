package dev.tpm2j.diagnose.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders causes by what the whole paste says. Every symptom found (a code, an event id, a message) lists its causes,
 * most likely first; a cause gets the symptom's weight less its place in that list, summed over all symptoms that
 * list it (a second code or an event that agrees moves it up). Then every evidence phrase in the paste (a vendor, a
 * log line, "virtual machine", "proxy", "clock" …) adds its weight to its cause. Ties keep the order in which causes
 * were first named. Each contribution is kept as a sentence, so the JSON can say why a cause is where it is.
 */
final class Ranker {
    private Ranker() {
    }

    /**
     * A symptom found in the paste, with its weight.
     *
     * @param weight how specific it is (a message phrase over a known code over an event over a decoded code)
     * @param label  how to name it in a reason, e.g. {@code 0x800705B4 (ERROR_TIMEOUT)}
     * @param causes its causes, most likely first
     */
    record Listed(int weight, String label, List<Cause> causes) {
    }

    private static final class Score {
        final Cause cause;
        final int order;
        int points;
        final List<String> why = new ArrayList<>();

        Score(Cause cause, int order) {
            this.cause = cause;
            this.order = order;
        }
    }

    static List<RankedCause> rank(List<Listed> symptoms, String lower) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Listed s : symptoms) {
            int place = 0;
            for (Cause c : s.causes()) {
                int points = Math.max(1, s.weight() - place);
                place++;
                Score sc = scores.computeIfAbsent(key(c), k -> new Score(c, scores.size()));
                sc.points += points;
                sc.why.add("+" + points + ": listed " + ordinal(place) + " for " + s.label());
            }
        }
        if (!scores.isEmpty() && lower != null) {
            for (Knowledge.Evidence e : Knowledge.evidence()) {
                if (lower.contains(e.phrase())) {
                    Score sc = scores.computeIfAbsent(key(e.cause()), k -> new Score(e.cause(), scores.size()));
                    sc.points += e.weight();
                    sc.why.add("+" + e.weight() + ": the paste holds \"" + e.phrase() + "\" (" + e.why() + ")");
                }
            }
        }
        List<Score> sorted = new ArrayList<>(scores.values());
        sorted.sort(Comparator.comparingInt((Score s) -> -s.points).thenComparingInt(s -> s.order));
        List<RankedCause> out = new ArrayList<>();
        for (Score s : sorted) {
            out.add(new RankedCause(s.cause, s.points, s.why));
        }
        return out;
    }

    private static String key(Cause c) {
        return c.id() + "\u0000" + c.cause();
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }
}

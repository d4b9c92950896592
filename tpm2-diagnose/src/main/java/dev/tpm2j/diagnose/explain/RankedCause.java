package dev.tpm2j.diagnose.explain;

import java.util.List;

/**
 * A cause with its place in the ranking and why it is there: the symptoms that list it (and how high) and what else
 * in the paste speaks for it.
 *
 * @param cause the cause
 * @param score the points it got (higher ranks first); only the order between causes of one explanation means something
 * @param why   one sentence per contribution, in the order they were counted
 */
public record RankedCause(Cause cause, int score, List<String> why) {
    /** Copies the list. */
    public RankedCause {
        if (cause == null) {
            throw new IllegalArgumentException("a ranked cause needs a cause");
        }
        why = List.copyOf(why);
    }
}

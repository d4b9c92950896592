package dev.tpm2j.attest.quote;

/** The outcome of one verification check. */
public sealed interface Check {
    /** The check was made and passed. */
    record Matches() implements Check {
    }

    /** The check was made and failed; why. */
    record Differs(String why) implements Check {
    }

    /** The check was not made (nothing to check against, or an earlier failure); why. */
    record NotChecked(String why) implements Check {
    }

    /** Whether this check passed. */
    default boolean passed() {
        return this instanceof Matches;
    }
}

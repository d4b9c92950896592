package dev.tpm2j.diagnose.explain;

/** One thing found in a diagnostics folder or an event channel. */
public sealed interface LogFinding permits LogFinding.Explained, LogFinding.AikUrlUsed, LogFinding.Skipped {

    /** The file (relative to the folder) or channel it came from. */
    String source();

    /**
     * A code, event, flag or message with its explanation.
     *
     * @param source      the file or channel
     * @param line        the 1-based line (or the line where the event record starts)
     * @param excerpt     the line or event text, cut to 300 characters
     * @param explanation what it means, its causes and their checks
     */
    record Explained(String source, int line, String excerpt, Explanation.Recognised explanation)
            implements LogFinding {
    }

    /**
     * The AIK service URL that {@code certreq -enrollaik} used; compare it with {@code tpm2j aik-url} on the device.
     *
     * @param source the file
     * @param line   the 1-based line
     * @param url    the URL as printed
     */
    record AikUrlUsed(String source, int line, String url) implements LogFinding {
    }

    /**
     * A file that was not read, and why (too large, binary event log, unreadable).
     *
     * @param source the file
     * @param why    the reason
     */
    record Skipped(String source, String why) implements LogFinding {
    }
}

package dev.tpm2j.cli;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The CLI's logging backend for the library's {@link System.Logger}s (the application picks the backend; the library
 * only logs): a record at or above the threshold is one line on stderr, {@code tpm2j: warning: …}, and the core's
 * command trace (logger {@code dev.tpm2j.core.trace}) is printed as it is when {@code TPM2J_TRACE=1} (or {@code data}). The threshold
 * is {@code WARNING}, or the level {@code TPM2J_LOG} names ({@code ERROR}, {@code WARNING}, {@code INFO},
 * {@code DEBUG}, {@code TRACE}, {@code ALL}, {@code OFF}). Registered as a service by the runnable jar (and by this
 * module on the module path), not by the tpm2j-cli jar, which an application may have on its class path with its own
 * logging; it also spares a short run java.util.logging's start-up (README "Performance").
 */
public final class CliLoggerFinder extends System.LoggerFinder {
    /** The core's command-trace logger, whose lines are printed without a prefix. */
    static final String TRACE_LOGGER = "dev.tpm2j.core.trace";

    private final System.Logger.Level threshold;
    private final boolean trace;
    private final PrintStream err;

    /** The finder the JDK loads: configured from the environment, writing to {@link System#err}. */
    public CliLoggerFinder() {
        this(System.getenv(), System.err);
    }

    /** A finder configured from {@code env} ({@code TPM2J_LOG}, {@code TPM2J_TRACE}), writing to {@code err}. */
    CliLoggerFinder(Map<String, String> env, PrintStream err) {
        this.threshold = threshold(env.get("TPM2J_LOG"));
        this.trace = "1".equals(env.get("TPM2J_TRACE")) || "data".equals(env.get("TPM2J_TRACE"));
        this.err = err;
    }

    /** The level {@code name} names (case-insensitive), or WARNING for none or an unknown name. */
    static System.Logger.Level threshold(String name) {
        if (name == null || name.isBlank()) {
            return System.Logger.Level.WARNING;
        }
        try {
            return System.Logger.Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return System.Logger.Level.WARNING;
        }
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        boolean traceLogger = TRACE_LOGGER.equals(name);
        System.Logger.Level min = traceLogger && trace && threshold.getSeverity() > System.Logger.Level.INFO.getSeverity()
                ? System.Logger.Level.INFO : threshold;
        return new Line(name, min, traceLogger, err);
    }

    /** One logger: records at or above {@code min} become one line on {@code err}. */
    private record Line(String name, System.Logger.Level min, boolean bare, PrintStream err) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && min != Level.OFF && level.getSeverity() >= min.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, (msg == null ? "" : msg) + (thrown == null ? "" : " (" + thrown + ")"));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                print(level, format(format, params));
            }
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            if (isLoggable(level)) {
                print(level, supplier.get());
            }
        }

        /** The message with its parameters; a malformed pattern is printed as it is (a log call never throws). */
        private static String format(String format, Object... params) {
            if (format == null || params == null || params.length == 0) {
                return format == null ? "" : format;
            }
            try {
                return MessageFormat.format(format, params);
            } catch (IllegalArgumentException malformed) {
                return format;
            }
        }

        private void print(Level level, String text) {
            err.println(bare ? text : "tpm2j: " + level.getName().toLowerCase(Locale.ROOT) + ": " + text);
            err.flush();
        }
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's logging backend: thresholds from TPM2J_LOG, the trace from TPM2J_TRACE, one line per record. */
class CliLoggerFinderTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private System.Logger logger(Map<String, String> env, String name) {
        return new CliLoggerFinder(env, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .getLogger(name, getClass().getModule());
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Registered for these tests by src/test/resources (the runnable jar registers it the same way). */
    @Test
    void theJdkUsesItForTheLibrarysLoggers() {
        assertInstanceOf(CliLoggerFinder.class, System.LoggerFinder.getLoggerFinder());
    }

    @Test
    void warningsAndAboveByDefaultAsOneLineWithTheirParameters() {
        System.Logger log = logger(Map.of(), "dev.tpm2j.core.Tpm");
        assertFalse(log.isLoggable(System.Logger.Level.INFO));
        log.log(System.Logger.Level.DEBUG, "not shown");
        log.log(System.Logger.Level.WARNING, "TPM reports NV_BUFFER_MAX {0}; using {1}", 0, 1024);
        log.log(System.Logger.Level.ERROR, "failed", new IllegalStateException("boom"));
        assertEquals("tpm2j: warning: TPM reports NV_BUFFER_MAX 0; using 1,024\n"
                + "tpm2j: error: failed (java.lang.IllegalStateException: boom)\n", printed().replace("\r\n", "\n"));
    }

    @Test
    void aMalformedPatternIsPrintedAsItIsInsteadOfThrowing() {
        System.Logger log = logger(Map.of(), "dev.tpm2j.core.Tpm");
        log.log(System.Logger.Level.WARNING, "bad {x} {0}", "f");
        log.log(System.Logger.Level.WARNING, (String) null, "f");
        assertEquals("tpm2j: warning: bad {x} {0}\ntpm2j: warning: \n", printed().replace("\r\n", "\n"));
    }

    @Test
    void tpm2jLogSetsTheThreshold() {
        assertTrue(logger(Map.of("TPM2J_LOG", "debug"), "x").isLoggable(System.Logger.Level.DEBUG));
        assertFalse(logger(Map.of("TPM2J_LOG", "debug"), "x").isLoggable(System.Logger.Level.TRACE));
        assertFalse(logger(Map.of("TPM2J_LOG", "error"), "x").isLoggable(System.Logger.Level.WARNING));
        assertFalse(logger(Map.of("TPM2J_LOG", "off"), "x").isLoggable(System.Logger.Level.ERROR));
        assertTrue(logger(Map.of("TPM2J_LOG", " ALL "), "x").isLoggable(System.Logger.Level.TRACE));
        assertEquals(System.Logger.Level.WARNING, CliLoggerFinder.threshold("loud"));
        assertEquals(System.Logger.Level.WARNING, CliLoggerFinder.threshold(""));
    }

    @Test
    void theCommandTraceIsPrintedBareOnlyWithTpm2jTrace() {
        System.Logger quiet = logger(Map.of(), CliLoggerFinder.TRACE_LOGGER);
        assertFalse(quiet.isLoggable(System.Logger.Level.INFO));
        assertFalse(quiet.isLoggable(System.Logger.Level.TRACE));
        System.Logger traced = logger(Map.of("TPM2J_TRACE", "1"), CliLoggerFinder.TRACE_LOGGER);
        assertTrue(traced.isLoggable(System.Logger.Level.INFO));
        traced.log(System.Logger.Level.INFO, "tpm2j -> TPM2_Startup (12 bytes)");
        assertEquals("tpm2j -> TPM2_Startup (12 bytes)\n", printed().replace("\r\n", "\n"));
        // TPM2J_TRACE leaves the other loggers at the threshold.
        assertFalse(logger(Map.of("TPM2J_TRACE", "1"), "dev.tpm2j.core.Tpm").isLoggable(System.Logger.Level.INFO));
    }
}

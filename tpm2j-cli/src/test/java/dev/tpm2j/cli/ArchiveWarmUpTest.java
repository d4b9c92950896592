package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * The archiving run's warm-up: every run completes (a run that threw would leave its classes out of the archive) and
 * nothing reaches the user's stdout or stderr.
 */
class ArchiveWarmUpTest {
    @Test
    void everyWarmUpRunCompletesSilently() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int runs;
        try (PrintStream capture = new PrintStream(seen, true)) {
            System.setOut(capture);
            System.setErr(capture);
            runs = ArchiveWarmUp.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(ArchiveWarmUp.RUNS.size() + Tpm2jCli.SUBCOMMANDS_BY_NAME.size(), runs);
        assertEquals("", seen.toString(), "the warm-up printed");
    }
}

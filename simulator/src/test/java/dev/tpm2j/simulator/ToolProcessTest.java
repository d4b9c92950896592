package dev.tpm2j.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A program run for a test can neither block it on a full pipe nor outlive its limit: the failure modes that
 * once stalled a build for eleven minutes (a test reading stdout to its end while the tool waited).
 */
class ToolProcessTest {
    private static final String SH = Swtpm.findExecutable("sh");

    @Test
    void largeOutputOnBothStreamsDoesNotBlock() {
        // 1 MiB on stderr before anything on stdout: a pipe reader that drains stdout first would wait forever.
        ToolProcess.Result r = ToolProcess.run(List.of(SH, "-c",
                "head -c 1048576 /dev/zero | tr '\\0' e >&2; head -c 1048576 /dev/zero | tr '\\0' o; exit 3"),
                Map.of(), Duration.ofSeconds(30), false);
        assertEquals(3, r.exitCode());
        assertEquals(1 << 20, r.stdout().length());
        assertEquals(1 << 20, r.stderr().length());
        assertTrue(r.stdout().chars().allMatch(c -> c == 'o'));
        assertTrue(r.stderr().chars().allMatch(c -> c == 'e'));
    }

    @Test
    void mergedOutputAndTheEnvironmentReachTheProgram() {
        ToolProcess.Result r = ToolProcess.run(List.of(SH, "-c", "echo \"$TPM2J_PROBE\"; echo warn >&2"),
                Map.of("TPM2J_PROBE", "from-the-test"), Duration.ofSeconds(30), true);
        assertEquals(0, r.exitCode());
        assertEquals("from-the-test\nwarn\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void aProgramThatOutlivesItsLimitIsKilled() {
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ToolProcess.run(
                List.of(SH, "-c", "echo started; exec sleep 60"), Map.of(), Duration.ofMillis(500), true));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 10_000, "returned after " + ms + " ms");
        assertTrue(e.getMessage().contains("did not finish") && e.getMessage().contains("started"), e.getMessage());
    }

    @Test
    void itsInputIsEmpty() {
        ToolProcess.Result r = ToolProcess.run(List.of(SH, "-c", "wc -c"), Map.of(), Duration.ofSeconds(30), true);
        assertEquals("0", r.stdout().strip());
    }

    @Test
    void whatTheProgramStartedIsKilledWithIt() throws Exception {
        java.nio.file.Path pidFile = java.nio.file.Files.createTempFile("tpm2j-child", ".pid");
        try {
            assertThrows(IllegalStateException.class, () -> ToolProcess.run(List.of(SH, "-c",
                    "sleep 60 & echo $! > '" + pidFile + "'; wait"), Map.of(), Duration.ofMillis(700), true));
            long child = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the background sleep");
        } finally {
            java.nio.file.Files.deleteIfExists(pidFile);
        }
    }

    @Test
    void outputThatIsNotUtf8IsDecodedLeniently() {
        ToolProcess.Result r = ToolProcess.run(List.of(SH, "-c", "printf 'ok\\377\\n'"), Map.of(),
                Duration.ofSeconds(30), true);
        assertEquals(0, r.exitCode());
        assertEquals("ok\uFFFD\n", r.stdout());
    }
}

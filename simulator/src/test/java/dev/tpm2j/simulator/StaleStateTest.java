package dev.tpm2j.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL (no shutdown hooks) leaves its swtpm running and its temporary state behind; the next
 * simulator start cleans both up, and never touches the state of a JVM that is still alive. Each JVM here gets its own
 * {@code java.io.tmpdir}, so other simulators on the machine are out of reach.
 */
class StaleStateTest {

    static Process simulatorJvm(Path tmp, String profile) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                SimulatorMain.class.getName(), "--profile", profile).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("swtpm:host=")) {
                return p;
            }
        }
        p.destroyForcibly();
        return fail("the simulator JVM did not start: " + seen);
    }

    static List<Path> stateDirs(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(d -> d.getFileName().toString().startsWith(Swtpm.TEMP_PREFIX)).toList();
        }
    }

    static long swtpmPid(Path dir) throws Exception {
        for (String l : Files.readAllLines(dir.resolve(Swtpm.OWNER))) {
            if (l.startsWith("swtpm=")) {
                return Long.parseLong(l.substring(6));
            }
        }
        return fail("no swtpm pid in " + dir);
    }

    @Test
    void theNextStartRemovesWhatAKilledJvmLeftBehind(@TempDir Path tmp) throws Exception {
        Process first = simulatorJvm(tmp, "bare");
        List<Path> before = stateDirs(tmp);
        assertEquals(1, before.size(), before.toString());
        Path stale = before.get(0);
        long orphan = swtpmPid(stale);
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "swtpm outlived its JVM");
        assertTrue(Files.isDirectory(stale));

        Process second = simulatorJvm(tmp, "bare");
        try {
            assertFalse(Files.exists(stale), "the killed JVM's state was removed");
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "its swtpm was stopped");
            List<Path> live = stateDirs(tmp);
            assertEquals(1, live.size(), live.toString());

            Swtpm.reapStale(tmp);
            assertTrue(Files.isDirectory(live.get(0)), "a live JVM's state is never touched");
            assertTrue(ProcessHandle.of(swtpmPid(live.get(0))).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook stops swtpm and deletes the state
            assertTrue(second.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), stateDirs(tmp), "a normal exit cleans up after itself");
    }

    @Test
    void simSelectionStringsNameTheirProfile() {
        assertEquals(Profile.INTEL_ODCA, SimProvider.profile(""));
        assertEquals(Profile.BARE, SimProvider.profile("profile=bare"));
        assertEquals(Profile.DISCRETE, SimProvider.profile(" profile = discrete "));
        for (String bad : List.of("profile=tpm3", "bare", "timeout=5", "profile=bare,profile=discrete")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimProvider.profile(bad));
            assertTrue(e.getMessage().startsWith("sim: "), e.getMessage());
        }
    }
}

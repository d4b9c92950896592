package dev.tpm2j.simulator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program for a test (tpm2-tools, openssl, a child JVM) so that it can never hang the build: its
 * standard output and error go to temporary files rather than pipes (a test that reads one pipe to its end while
 * the program fills the other, or waits on a program that never exits, blocks forever), its input is empty, and it
 * is killed when it outlives its time limit.
 */
public final class ToolProcess {
    private ToolProcess() {
    }

    /**
     * How a run ended: its exit code and what it printed ({@code stderr} is empty when it was merged into
     * {@code stdout}).
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's, waiting at most {@code limit}.
     *
     * @param mergeStderr whether standard error goes into {@code stdout} (as it interleaves) instead of its own text
     * @throws IllegalStateException when the program cannot start or outlives {@code limit} (it is killed; the
     *                               message holds what it printed)
     */
    public static Result run(List<String> command, Map<String, String> environment, Duration limit,
                             boolean mergeStderr) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("tpm2j-tool-", ".out");
            err = mergeStderr ? null : Files.createTempFile("tpm2j-tool-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(
                            System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
            if (mergeStderr) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            pb.environment().putAll(environment);
            p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + limit.toMillis() + " ms (killed): " + read(out) + read(err));
            }
            return new Result(p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** The program and everything it started (a child JVM's swtpm, a shell's background job), killed. */
    private static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the program wrote, decoded leniently: a tool's output need not be UTF-8. */
    private static String read(Path file) {
        try {
            return file == null ? "" : new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }
}

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
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + limit.toSeconds() + " s: " + read(out) + read(err));
            }
            return new Result(p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        return file == null ? "" : Files.readString(file, StandardCharsets.UTF_8);
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

package dev.tpm2j.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tpm2-tools command against a simulator ({@code TPM2TOOLS_TCTI} set to its selection string), or with no
 * TPM at all when {@code sim} is null (e.g. {@code tpm2_makecredential -T none}). For interop tests.
 */
public final class Tpm2Tools {
    private Tpm2Tools() {
    }

    /** Standard output and error of the tool; an {@link IllegalStateException} when it fails or hangs. */
    public static String run(Swtpm sim, String tool, String... args) {
        return runWithTcti(sim != null ? sim.tpmSpec() : null, tool, args);
    }

    /**
     * The tool run with {@code TPM2TOOLS_TCTI=tcti} (none when null). Its output goes to a temporary file, so a tool
     * that hangs (a TPM that never answers) is killed after 60 s instead of blocking the test on its pipe.
     */
    public static String runWithTcti(String tcti, String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Swtpm.findExecutable(tool));
        cmd.addAll(List.of(args));
        Path out = null;
        try {
            out = Files.createTempFile("tpm2j-tool-", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (tcti != null) {
                pb.environment().put("TPM2TOOLS_TCTI", tcti);
            }
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s: "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}

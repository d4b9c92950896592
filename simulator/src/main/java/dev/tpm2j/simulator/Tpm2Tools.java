package dev.tpm2j.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        List<String> cmd = new ArrayList<>();
        cmd.add(Swtpm.findExecutable(tool));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (sim != null) {
            pb.environment().put("TPM2TOOLS_TCTI", sim.tpmSpec());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool, e);
        }
    }
}

package dev.tpm2j.attest.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.simulator.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (tpm2-tools, openssl), optionally against a simulator; a missing tool fails the test. In a
 * package of its own that the module does not export, since its signatures use the simulator (on the class path).
 */
public final class Tools {
    private Tools() {
    }

    /** Exit code and output of one run. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code tool args…} with TPM2TOOLS_TCTI pointing at {@code sim} (when not null). */
    public static Result run(Swtpm sim, String tool, String... args) {
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
                return fail(String.join(" ", cmd) + " hung");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }

    /** Like {@link #run} but fails the test unless the tool exits 0. */
    public static String ok(Swtpm sim, String tool, String... args) {
        Result r = run(sim, tool, args);
        if (r.exitCode() != 0) {
            return fail(tool + " " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }
}

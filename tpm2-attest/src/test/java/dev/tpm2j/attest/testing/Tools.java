package dev.tpm2j.attest.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.ToolProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        ToolProcess.Result r = ToolProcess.run(cmd, sim != null ? Map.of("TPM2TOOLS_TCTI", sim.tpmSpec()) : Map.of(),
                Duration.ofSeconds(60), true);
        return new Result(r.exitCode(), r.stdout());
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

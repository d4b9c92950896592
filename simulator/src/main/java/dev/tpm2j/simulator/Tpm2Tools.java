package dev.tpm2j.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * The tool run with {@code TPM2TOOLS_TCTI=tcti} (none when null), through {@link ToolProcess}: a tool that hangs
     * (a TPM that never answers) is killed after 60 s instead of blocking the test.
     */
    public static String runWithTcti(String tcti, String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Swtpm.findExecutable(tool));
        cmd.addAll(List.of(args));
        ToolProcess.Result r = ToolProcess.run(cmd, tcti != null ? Map.of("TPM2TOOLS_TCTI", tcti) : Map.of(),
                Duration.ofSeconds(60), true);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stdout());
        }
        return r.stdout();
    }
}

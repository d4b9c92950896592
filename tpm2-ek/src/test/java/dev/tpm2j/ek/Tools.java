package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tpm2-tools against a simulator (or with no TPM for -T none); fails the test on any error. */
final class Tools {
    private Tools() {
    }

    static String run(Swtpm sim, String tool, String... args) {
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
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return fail(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (Exception e) {
            return fail("cannot run " + tool + ": " + e.getMessage(), e);
        }
    }
}

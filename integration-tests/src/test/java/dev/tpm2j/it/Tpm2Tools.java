package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tpm2-tools command against a simulator and returns its standard output; fails the test on error. */
final class Tpm2Tools {
    private Tpm2Tools() {
    }

    static String run(Swtpm sim, String tool, String... args) {
        String exe;
        try {
            exe = Swtpm.findExecutable(tool);
        } catch (SwtpmNotFoundException e) {
            return fail(tool + " is not installed; install tpm2-tools (sudo apt-get install tpm2-tools)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TPM2TOOLS_TCTI", sim.tpmSpec());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail(String.join(" ", cmd) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return fail(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            return fail("cannot run " + tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code TPM2J_TRACE=1 tpm2j --tpm … nv-read 0x01c00002} in a child JVM (so the environment variable is real): the
 * core's command trace appears on stderr, one line per command and response, with command and response-code names.
 */
class CommandTraceCliTest {
    @Test
    void traceOfAnNvReadGoesToStderr() throws Exception {
        try (Swtpm sim = Swtpm.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Tpm2jCli.class.getName(), "--tpm", sim.tpmSpec(), "nv-read", "0x01c00002"));
            pb.environment().put("TPM2J_TRACE", "1");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI finished");
            assertEquals(0, p.exitValue(), err);
            assertTrue(err.contains("tpm2j -> TPM2_NV_ReadPublic"), err);
            assertTrue(err.contains("tpm2j -> TPM2_NV_Read "), err);
            assertTrue(err.contains("tpm2j <- TPM2_NV_Read TPM_RC_SUCCESS (0x00000000)"), err);
            assertTrue(err.contains("hmac <redacted 0B>"), "the password session's hmac field is redacted: " + err);
        }
    }
}

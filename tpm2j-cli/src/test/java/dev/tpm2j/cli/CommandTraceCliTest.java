package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.ToolProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
            ToolProcess.Result r = ToolProcess.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Tpm2jCli.class.getName(), "--tpm", sim.tpmSpec(), "nv-read", "0x01c00002"),
                    Map.of("TPM2J_TRACE", "1"), Duration.ofSeconds(60), false);
            String err = r.stderr();
            assertEquals(0, r.exitCode(), err);
            assertTrue(err.contains("tpm2j -> TPM2_NV_ReadPublic"), err);
            assertTrue(err.contains("tpm2j -> TPM2_NV_Read "), err);
            assertTrue(err.contains("tpm2j <- TPM2_NV_Read TPM_RC_SUCCESS (0x00000000)"), err);
            assertTrue(err.contains("hmac <redacted>"), "the password session's hmac field is redacted: " + err);
            assertTrue(nvReadResponses(err).allMatch(l -> l.contains("<data, ") && !l.contains("3082")),
                    "NV data shown only by size: " + err);
        }
    }

    /** {@code TPM2J_TRACE=data} shows what NV_Read returned (the EK certificate's DER, 30 82 …). */
    @Test
    void traceWithDataShowsNvContents() throws Exception {
        try (Swtpm sim = Swtpm.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ToolProcess.Result r = ToolProcess.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Tpm2jCli.class.getName(), "--tpm", sim.tpmSpec(), "nv-read", "0x01c00002"),
                    Map.of("TPM2J_TRACE", "data"), Duration.ofSeconds(60), false);
            String err = r.stderr();
            assertEquals(0, r.exitCode(), err);
            assertTrue(err.contains("tpm2j -> TPM2_NV_Read "), err);
            assertTrue(nvReadResponses(err).anyMatch(l -> l.contains("3082") && !l.contains("<data, ")), err);
            assertTrue(err.contains("hmac <redacted>"), "secrets stay redacted: " + err);
        }
    }

    static java.util.stream.Stream<String> nvReadResponses(String err) {
        return err.lines().filter(l -> l.contains("tpm2j <- TPM2_NV_Read TPM_RC_SUCCESS"));
    }
}

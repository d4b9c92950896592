package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.simulator.ToolProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Runs OpenSSL and other tools for the interop tests, and writes PEM files. */
final class Tools {
    private Tools() {
    }

    /** Runs {@code command}; returns stdout+stderr and the exit code. */
    static ToolProcess.Result run(List<String> command) {
        return ToolProcess.run(command, Map.of(), Duration.ofSeconds(60), true);
    }

    /** Runs openssl with {@code args}. */
    static ToolProcess.Result openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Writes {@code key} as a PEM SubjectPublicKeyInfo. */
    static Path pem(Path dir, String name, PublicKey key) throws IOException {
        return write(dir.resolve(name), "PUBLIC KEY", key.getEncoded());
    }

    /** Writes {@code cert} as PEM. */
    static Path pem(Path dir, String name, X509Certificate cert) throws Exception {
        return write(dir.resolve(name), "CERTIFICATE", cert.getEncoded());
    }

    static Path write(Path file, String type, byte[] der) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n");
        return file;
    }

    /** Asserts OpenSSL verified: exit 0 and "Verified OK". */
    static void assertVerified(ToolProcess.Result r) {
        assertEquals(0, r.exitCode(), r.stdout());
        assertEquals(true, r.stdout().contains("Verified OK"), r.stdout());
    }

    /** Asserts a tool exited 0. */
    static void assertOk(ToolProcess.Result r) {
        assertEquals(0, r.exitCode(), r.stdout());
    }
}

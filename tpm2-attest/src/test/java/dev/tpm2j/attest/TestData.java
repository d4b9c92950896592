package dev.tpm2j.attest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real event logs in the project's {@code testdata/eventlogs/} (provenance in testdata/README.md). */
public final class TestData {
    private TestData() {
    }

    /** The testdata folder, found by walking up from the module directory. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isDirectory(candidate.resolve("eventlogs"))) {
                return candidate;
            }
        }
        return fail("the project's testdata/ folder (real event logs) was not found");
    }

    /** One event log file. */
    public static Path eventLog(String name) {
        return root().resolve("eventlogs").resolve(name);
    }

    /** The bytes of one event log. */
    public static byte[] eventLogBytes(String name) {
        try {
            return Files.readAllBytes(eventLog(name));
        } catch (IOException e) {
            return fail(e);
        }
    }
}

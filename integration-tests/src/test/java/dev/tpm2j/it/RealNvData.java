package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The NV attributes real TPMs reported for EK certificate indices ({@code testdata/real-nv/nv-public.tsv}). */
final class RealNvData {
    private RealNvData() {
    }

    static Path testdata() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("real-nv/nv-public.tsv"))) {
                return candidate;
            }
        }
        return fail("testdata/real-nv/nv-public.tsv was not found");
    }

    /** Every attribute value a row of the file gives. */
    static Set<Integer> attributesSeen() {
        try {
            return Files.readAllLines(testdata().resolve("real-nv/nv-public.tsv")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> (int) Long.parseLong(l.split("\t")[3].substring(2), 16)).collect(Collectors.toSet());
        } catch (IOException e) {
            return fail(e);
        }
    }
}

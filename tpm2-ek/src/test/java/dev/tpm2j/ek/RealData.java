package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-world test data kept in the project's {@code testdata/} folder (provenance in its README). */
final class RealData {
    private RealData() {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isDirectory(candidate.resolve("real-ek"))) {
                return candidate;
            }
        }
        return fail("the project's testdata/ folder (real EK certificates and the TPM trust bundle) was not found");
    }

    static Path realEk(String name) {
        return root().resolve("real-ek").resolve(name);
    }

    static TpmCertificate cert(String name) {
        try {
            return TpmCertificates.parseDerOrPem(Files.readAllBytes(realEk(name)));
        } catch (IOException | CertificateParseException e) {
            return fail(name + ": " + e.getMessage(), e);
        }
    }

    static TrustBundle bundle() {
        try {
            return TrustBundle.empty().withAnchorsFrom(root().resolve("tpm-trust-bundle/roots.pem"))
                    .withIntermediatesFrom(root().resolve("tpm-trust-bundle/intermediates.pem"));
        } catch (IOException e) {
            return fail(e);
        }
    }
}

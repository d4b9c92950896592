package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world test data (read in place, never copied into the project). */
final class RealData {
    private RealData() {
    }

    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("real-ek"))) {
                return candidate;
            }
        }
        return fail("../shared/data (real EK certificates and the TPM trust bundle) is missing beside the project");
    }

    static Path realEk(String name) {
        return shared().resolve("real-ek").resolve(name);
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
            return TrustBundle.empty().withAnchorsFrom(shared().resolve("tpm-trust-bundle/roots.pem"))
                    .withIntermediatesFrom(shared().resolve("tpm-trust-bundle/intermediates.pem"));
        } catch (IOException e) {
            return fail(e);
        }
    }
}

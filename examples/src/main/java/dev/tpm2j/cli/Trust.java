package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Provisioned;
import dev.tpm2j.simulator.SimProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Builds the trust bundle from --trust / --intermediates, plus the embedded simulator's own CA for {@code sim}. */
final class Trust {
    private Trust() {
    }

    static TrustBundle load(Tpm tpm, List<Path> anchors, List<Path> intermediates) {
        TrustBundle b = TrustBundle.empty();
        try {
            for (Path p : anchors) {
                b = b.withAnchorsFrom(p);
            }
            for (Path p : intermediates) {
                b = b.withIntermediatesFrom(p);
            }
            dev.tpm2j.core.TpmTransport t = tpm.transport();
            if (t instanceof dev.tpm2j.core.CountingTransport c) {
                t = c.inner();
            }
            if (t instanceof SimProvider.SimTransport sim && sim.provisioned().rootPem() != null) {
                Provisioned p = sim.provisioned();
                b = b.withAnchorsFrom(p.rootPem()).withIntermediatesFrom(p.intermediatesPem());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust bundle: " + e.getMessage(), e);
        }
        return b;
    }
}

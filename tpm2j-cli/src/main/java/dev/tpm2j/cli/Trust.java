package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.ek.TpmTrust;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Provisioned;
import dev.tpm2j.simulator.SimProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the trust bundle: the shipped TPM trust bundle ({@link TpmTrust#defaults()}) unless turned off, then
 * {@code --trust} / {@code --intermediates}, plus the embedded simulator's own CA for {@code sim}. A file given on
 * the command line that holds no usable certificate is a usage error naming the file and the problem.
 */
final class Trust {
    private Trust() {
    }

    /** The shipped bundle plus {@code anchors} and {@code intermediates} (and the simulator's CA for sim). */
    static TrustBundle load(Tpm tpm, List<Path> anchors, List<Path> intermediates) {
        return load(tpm, anchors, intermediates, true);
    }

    /** As {@link #load(Tpm, List, List)}, with or without the shipped bundle. */
    static TrustBundle load(Tpm tpm, List<Path> anchors, List<Path> intermediates, boolean withShipped) {
        TrustBundle b = withShipped ? TpmTrust.defaults() : TrustBundle.empty();
        try {
            for (Path p : anchors) {
                b = checked("--trust", p, b, b.withAnchorsFrom(p));
            }
            for (Path p : intermediates) {
                b = checked("--intermediates", p, b, b.withIntermediatesFrom(p));
            }
            TpmTransport t = tpm.transport();
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

    /** Refuses a command-line file that added problems or no certificate at all. */
    private static TrustBundle checked(String option, Path p, TrustBundle before, TrustBundle after) {
        List<String> problems = after.problems().subList(before.problems().size(), after.problems().size());
        int added = after.anchors().size() + after.intermediates().size()
                - before.anchors().size() - before.intermediates().size();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(option + " " + p + ": " + String.join("; ", problems));
        }
        if (added == 0) {
            throw new IllegalArgumentException(option + " " + p + ": no certificates found");
        }
        return after;
    }
}

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
 * {@code --trust} / {@code --intermediates}, plus the embedded simulator's own CA for {@code sim}. The files are read
 * before the TPM is opened ({@link #files}); one that cannot be read or holds no usable certificate is an input file
 * error (exit 3) naming the option, the file and the problem.
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
        return withSimulator(files(anchors, intermediates, withShipped), tpm);
    }

    /** The shipped bundle (unless {@code withShipped} is false) plus the command line's files; no TPM needed. */
    static TrustBundle files(List<Path> anchors, List<Path> intermediates, boolean withShipped) {
        TrustBundle b = withShipped ? TpmTrust.defaults() : TrustBundle.empty();
        for (Path p : anchors) {
            b = checked("--trust", p, b, b0 -> b0.withAnchorsFrom(p));
        }
        for (Path p : intermediates) {
            b = checked("--intermediates", p, b, b0 -> b0.withIntermediatesFrom(p));
        }
        return b;
    }

    /** {@code b} plus the embedded simulator's CA when {@code tpm} is one ({@code --tpm sim}). */
    static TrustBundle withSimulator(TrustBundle b, Tpm tpm) {
        TpmTransport t = tpm.transport();
        if (t instanceof dev.tpm2j.core.CountingTransport c) {
            t = c.inner();
        }
        if (t instanceof SimProvider.SimTransport sim && sim.provisioned().rootPem() != null) {
            Provisioned p = sim.provisioned();
            try {
                return b.withAnchorsFrom(p.rootPem()).withIntermediatesFrom(p.intermediatesPem());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the simulator's CA: " + e.getMessage(), e);
            }
        }
        return b;
    }

    /** A step that adds a file's certificates to a bundle. */
    private interface Adding {
        TrustBundle add(TrustBundle b) throws IOException;
    }

    /** Adds {@code p} through {@code step}, refusing a file that cannot be read, added problems or no certificate. */
    private static TrustBundle checked(String option, Path p, TrustBundle before, Adding step) {
        TrustBundle after;
        try {
            after = step.add(before);
        } catch (IOException e) {
            throw new InputFileException(option, p, InputFiles.problem(e), e);
        }
        List<String> problems = after.problems().subList(before.problems().size(), after.problems().size());
        int added = after.anchors().size() + after.intermediates().size()
                - before.anchors().size() - before.intermediates().size();
        if (!problems.isEmpty()) {
            throw new InputFileException(option, p, String.join("; ", problems), null);
        }
        if (added == 0) {
            throw new InputFileException(option, p, "no certificates found", null);
        }
        return after;
    }
}

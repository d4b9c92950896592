package dev.tpm2j.diagnose.readiness;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One step of the readiness assessment, known by the id of the finding it reports (so {@code diagnose --only} can
 * pick it). {@link Readiness#DEFAULT_CHECKS} lists tpm2j's; a platform-specific check is added by passing a longer
 * list to {@link Readiness#assess(dev.tpm2j.core.Tpm, Readiness.Options, List)}.
 */
public interface ReadinessCheck {
    /** The id of the finding {@link #run} returns, e.g. {@code ek-cert}. */
    String id();

    /** The finding of this step, with the id {@link #id()}; TPM failures propagate as {@code TpmException}. */
    Check run(ReadinessContext context);

    /** A check with the given id, computed by {@code run}. */
    static ReadinessCheck of(String id, Function<ReadinessContext, Check> run) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        return new ReadinessCheck() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Check run(ReadinessContext context) {
                return run.apply(context);
            }

            @Override
            public String toString() {
                return "ReadinessCheck[" + id + "]";
            }
        };
    }
}

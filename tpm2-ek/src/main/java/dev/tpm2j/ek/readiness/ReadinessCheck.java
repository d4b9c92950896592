package dev.tpm2j.ek.readiness;

import java.util.List;

/**
 * One step of the readiness assessment. {@link Readiness#DEFAULT_CHECKS} lists tpm2j's; a platform-specific check
 * (for example one that reads the Windows event log) is added by passing a longer list to
 * {@link Readiness#assess(dev.tpm2j.core.Tpm, Readiness.Options, List)}.
 */
@FunctionalInterface
public interface ReadinessCheck {
    /** The findings of this step (usually one); TPM failures propagate as {@code TpmException}. */
    List<Check> run(ReadinessContext context);
}

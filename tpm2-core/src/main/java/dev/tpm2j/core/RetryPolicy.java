package dev.tpm2j.core;

import java.time.Duration;

/**
 * How {@link Tpm} retries commands the TPM could not start: TPM_RC_RETRY, TPM_RC_YIELDED and TPM_RC_TESTING at
 * once, TPM_RC_NV_RATE after {@code nvRateDelay}; at most {@code maxRetries} times per command.
 */
public record RetryPolicy(int maxRetries, Duration nvRateDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 1000) {
            throw new IllegalArgumentException("maxRetries must be 0..1000");
        }
        if (nvRateDelay.isNegative() || nvRateDelay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("nvRateDelay must be 0..60 s");
        }
    }
}

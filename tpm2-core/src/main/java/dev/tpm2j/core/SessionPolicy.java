package dev.tpm2j.core;

import dev.tpm2j.core.session.PolicySession;

/**
 * The policy a policy session carries: the policy commands (PolicySecret, PolicyOR, PolicyCommandCode…) that satisfy
 * an authPolicy, sent on {@code session}. The TPM uses up a policy with every command the session authorizes, so the
 * {@code Tpm} runs this before each such command — a chunked NV read or write re-satisfies the policy per chunk — and
 * sends TPM2_PolicyRestart first when a command the session authorized failed (the policy state is then unknown).
 * Started with {@link Tpm#startPolicySession(SessionOptions, SessionPolicy)}.
 */
@FunctionalInterface
public interface SessionPolicy {
    /** Sends the policy commands for {@code session} through {@code tpm}. */
    void apply(Tpm tpm, PolicySession session);
}

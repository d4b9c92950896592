package dev.tpm2j.attest.eventlog;

import dev.tpm2j.attest.PcrValues;

/**
 * What the log says about UEFI Secure Boot, derived as go-attestation's ParseSecurebootState does: only PCR 7 events
 * that quote-verified PCR values vouch for count (the log's PCR 7 replays to a verified value), and the state is
 * refused when those events break a rule a firmware never breaks: an event type PCR 7 does not hold, a variable after
 * the separator or measured twice, a digest that is not the hash of the data, a SecureBoot value not one byte long, a
 * UEFI debugger, or "enabled" without authority events or without PK, KEK and db.
 */
public sealed interface SecureBootState {
    /** SecureBoot = 1 was measured, with PK, KEK and db present and at least one authority event. */
    record Enabled() implements SecureBootState {
    }

    /** SecureBoot = 0 was measured (or the firmware measured no SecureBoot variable). */
    record Disabled() implements SecureBootState {
    }

    /** The log's PCR 7 is not vouched for: no quote-verified PCR 7 value, or the log does not replay to it; why. */
    record Unverified(String why) implements SecureBootState {
    }

    /** PCR 7's events break a rule, so the log may have been altered after the firmware ran; which rule. */
    record Refused(String why) implements SecureBootState {
    }

    /**
     * The state recorded by {@code log}'s PCR 7 events, trusted only when {@code quoteVerified} (the values a verified
     * quote vouches for, {@code AttestationReport.quotedPcrs()}) holds PCR 7 in a bank of the log and every such value
     * equals the replay.
     */
    static SecureBootState of(EventLog log, PcrValues quoteVerified) {
        return SecureBootRules.evaluate(log, quoteVerified);
    }
}

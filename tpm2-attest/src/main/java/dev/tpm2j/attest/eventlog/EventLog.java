package dev.tpm2j.attest.eventlog;

import java.util.List;

/**
 * A parsed TCG PC Client event log: its layout (with the Spec ID header for crypto-agile logs), every event in order,
 * and the startup locality (0 unless a StartupLocality EV_NO_ACTION event says otherwise). Parsing checks structure
 * only; the events prove nothing until {@link #replay()} matches PCR values a verified quote vouches for.
 *
 * @param format crypto-agile (with its header) or SHA-1 only
 * @param events every event, the header event first
 * @param startupLocality the locality the platform started from (sets PCR 0's initial value)
 */
public record EventLog(LogFormat format, List<TcgEvent> events, int startupLocality) {
    /** Copies the event list (a parsed log's lazily decoded list is immutable already and kept as it is). */
    public EventLog {
        events = events instanceof EventLogParser.Events ? events : List.copyOf(events);
    }

    /**
     * The largest log {@link #parse(byte[])} accepts: 16 MiB. Real logs are tens of kilobytes (Linux) to a few
     * megabytes (Windows after many resumes); a larger one is refused rather than risking the verifier's memory.
     */
    public static final int DEFAULT_MAX_BYTES = 16 << 20;

    /**
     * Parses a log as written by firmware (Linux {@code binary_bios_measurements}, Windows
     * {@code MeasuredBoot\*.log}) of at most {@link #DEFAULT_MAX_BYTES}; {@link EventLogFormatException} when it is
     * larger or not well formed.
     */
    public static EventLog parse(byte[] log) {
        return parse(log, DEFAULT_MAX_BYTES);
    }

    /** {@link #parse(byte[])} with another size limit ({@code maxBytes}, at least 1). */
    public static EventLog parse(byte[] log, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        if (log.length > maxBytes) {
            throw new EventLogFormatException(0, "the log is " + log.length + " bytes, more than the limit of "
                    + maxBytes);
        }
        return EventLogParser.parse(log);
    }

    /** The banks the log carries digests for: the header's banks, or SHA-1 alone. */
    public List<Integer> banks() {
        return format instanceof LogFormat.CryptoAgile a ? a.specId().banks()
                : List.of(dev.tpm2j.core.types.TpmAlgId.SHA1);
    }

    /** Replays every extended event into PCR values per bank. */
    public ReplayedPcrs replay() {
        return ReplayedPcrs.of(this);
    }

    /**
     * Whether the firmware measured Secure Boot as on or off, judged by go-attestation's rules from the PCR 7 events
     * that {@code quoteVerified} vouches for: pass only the values a verified quote covers
     * ({@code AttestationReport.quotedPcrs()}); without a quote-verified PCR 7 the answer is
     * {@link SecureBootState.Unverified}.
     */
    public SecureBootState secureBoot(dev.tpm2j.attest.PcrValues quoteVerified) {
        return SecureBootState.of(this, quoteVerified);
    }
}

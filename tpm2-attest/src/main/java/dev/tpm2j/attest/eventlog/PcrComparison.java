package dev.tpm2j.attest.eventlog;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.core.marshal.Bytes;

/** The outcome of comparing reported PCR values with an event log's replay. */
public sealed interface PcrComparison {
    /** Every reported PCR equals its replayed value. */
    record Matches() implements PcrComparison {
    }

    /**
     * The first PCR (bank order as reported, PCRs ascending) whose reported value differs from the replay.
     *
     * @param hashAlg the bank
     * @param pcr the PCR index
     * @param expected the value the TPM reported
     * @param replayed the value the log replays to
     */
    record Differs(int hashAlg, int pcr, Bytes expected, Bytes replayed) implements PcrComparison {
        @Override
        public String toString() {
            return "PCR " + HashBank.name(hashAlg) + ":" + pcr + " is " + expected.toHex()
                    + " but the event log replays to " + replayed.toHex();
        }
    }

    /**
     * Every PCR the log extended matches, but the log has no event for this one (the first such, bank order as
     * reported) and the TPM reports a value other than its initial one: something extended it without logging, or
     * after the log was read. Not a mismatch of the log, and not vouched for by it.
     *
     * @param hashAlg the bank
     * @param pcr the PCR index
     * @param reported the value the TPM reported
     * @param initial the value the PCR holds when nothing extended it
     */
    record Unlogged(int hashAlg, int pcr, Bytes reported, Bytes initial) implements PcrComparison {
        @Override
        public String toString() {
            return "PCR " + HashBank.name(hashAlg) + ":" + pcr + " has no event in the log but is " + reported.toHex()
                    + ", not its initial " + initial.toHex() + " (extended without a log entry)";
        }
    }

    /** The comparison could not be made (e.g. the log has no digests for a reported bank). */
    record NotChecked(String why) implements PcrComparison {
    }
}

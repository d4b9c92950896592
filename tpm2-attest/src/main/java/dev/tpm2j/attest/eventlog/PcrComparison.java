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

    /** The comparison could not be made (e.g. the log has no digests for a reported bank). */
    record NotChecked(String why) implements PcrComparison {
    }
}

package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a comparison of the real Windows log (SHA-1 only) with PCR values cannot vouch for: no values at all, or values
 * in a bank the log has no digests for, are "not checked" with the reason, never a match or a partial match.
 */
class ReplayComparisonTest {
    private static final EventLog LOG = EventLog.parse(TestData.eventLogBytes("windows_gcp_shielded_vm_eventlog.bin"));
    private static final PcrValues QUOTED = RealWindowsQuoteReplayTest.windowsPcrs();

    @Test
    void theLogHasTheSha1BankOnly() {
        ReplayedPcrs replayed = LOG.replay();
        assertTrue(replayed.hasBank(TpmAlgId.SHA1));
        assertFalse(replayed.hasBank(TpmAlgId.SHA256));
        assertInstanceOf(PcrComparison.Matches.class, replayed.compareWith(QUOTED));
    }

    @Test
    void noValuesAreNotChecked() {
        String why = "no PCR values to compare (did the quote verify, and select any?)";
        PcrComparison.NotChecked none = assertInstanceOf(PcrComparison.NotChecked.class,
                LOG.replay().compareWith(PcrValues.EMPTY));
        assertEquals(why, none.why());
        PcrComparison.NotChecked emptyBank = assertInstanceOf(PcrComparison.NotChecked.class,
                LOG.replay().compareWith(new PcrValues(Map.of(TpmAlgId.SHA1, new TreeMap<>()))));
        assertEquals(why, emptyBank.why());
    }

    @Test
    void valuesInABankTheLogLacksAreNotChecked() {
        PcrValues sha256 = PcrValues.EMPTY.with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));
        PcrComparison.NotChecked n = assertInstanceOf(PcrComparison.NotChecked.class,
                LOG.replay().compareWith(sha256));
        assertEquals("the event log has no TPM_ALG_SHA256 digests", n.why());
        // next to the real SHA-1 values too: the comparison as a whole is not a match
        PcrValues both = QUOTED.with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));
        assertInstanceOf(PcrComparison.NotChecked.class, LOG.replay().compareWith(both));
    }
}

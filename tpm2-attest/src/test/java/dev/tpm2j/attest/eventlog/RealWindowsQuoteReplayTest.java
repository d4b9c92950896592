package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real Windows machine's event log against the 24 SHA-1 PCR values its TPM quoted (go-attestation's
 * {@code windows_gcp_shielded_vm.json}, split into {@code windows_gcp_shielded_vm_eventlog.bin} and
 * {@code windows_gcp_shielded_vm.pcrs.json}). PCRs 17–22 are all ones there, as on every PC Client TPM without a
 * dynamic launch: a replay that starts them at zeros reports a mismatch at PCR 17.
 */
class RealWindowsQuoteReplayTest {
    static PcrValues windowsPcrs() {
        String json;
        try {
            json = Files.readString(TestData.eventLog("windows_gcp_shielded_vm.pcrs.json"));
        } catch (IOException e) {
            return fail(e);
        }
        SortedMap<Integer, Bytes> sha1 = new TreeMap<>();
        Matcher m = Pattern.compile("\"(\\d+)\": \"([0-9a-f]{40})\"").matcher(json);
        while (m.find()) {
            sha1.put(Integer.parseInt(m.group(1)), Bytes.fromHex(m.group(2)));
        }
        return new PcrValues(Map.of(TpmAlgId.SHA1, sha1));
    }

    @Test
    void theRealWindowsLogReplaysToAll24QuotedPcrs() {
        PcrValues quoted = windowsPcrs();
        assertEquals(24, quoted.banks().get(TpmAlgId.SHA1).size());
        EventLog log = EventLog.parse(TestData.eventLogBytes("windows_gcp_shielded_vm_eventlog.bin"));
        ReplayedPcrs replayed = log.replay();
        assertInstanceOf(PcrComparison.Matches.class, replayed.compareWith(quoted));
        for (int pcr = 17; pcr <= 22; pcr++) {
            assertFalse(replayed.logged(TpmAlgId.SHA1, pcr), "no DRTM events in an SRTM log: PCR " + pcr);
            assertEquals(quoted.value(TpmAlgId.SHA1, pcr), replayed.value(TpmAlgId.SHA1, pcr), "PCR " + pcr);
        }
        assertTrue(replayed.logged(TpmAlgId.SHA1, 7));
    }

    @Test
    void initialValuesFollowThePcClientProfile() {
        for (int pcr = 0; pcr < 24; pcr++) {
            byte[] v = ReplayedPcrs.initial(TpmAlgId.SHA256, pcr, 3).toByteArray();
            assertEquals(32, v.length);
            byte fill = pcr >= 17 && pcr <= 22 ? (byte) 0xFF : 0;
            for (int i = 0; i < v.length - 1; i++) {
                assertEquals(fill, v[i], "PCR " + pcr + " byte " + i);
            }
            assertEquals(pcr == 0 ? 3 : fill, v[v.length - 1], "PCR " + pcr + " last byte");
        }
    }

    @Test
    void aPcrWithNoEventIsReportedAsUnloggedNotAsAMismatch() {
        EventLog log = EventLog.parse(TestData.eventLogBytes("windows_gcp_shielded_vm_eventlog.bin"));
        ReplayedPcrs replayed = log.replay();
        SortedMap<Integer, Bytes> sha1 = new TreeMap<>(windowsPcrs().banks().get(TpmAlgId.SHA1));
        Bytes other = Bytes.fromHex("11".repeat(20));
        sha1.put(16, other); // PCR 16 (debug) has no event in this log
        PcrComparison.Unlogged u = assertInstanceOf(PcrComparison.Unlogged.class,
                replayed.compareWith(new PcrValues(Map.of(TpmAlgId.SHA1, sha1))));
        assertEquals(16, u.pcr());
        assertEquals(other, u.reported());
        assertEquals(Bytes.fromHex("00".repeat(20)), u.initial());

        // a PCR the log did extend still differs as a mismatch, and wins over an unlogged one
        sha1.put(7, other);
        PcrComparison.Differs d = assertInstanceOf(PcrComparison.Differs.class,
                replayed.compareWith(new PcrValues(Map.of(TpmAlgId.SHA1, sha1))));
        assertEquals(7, d.pcr());
    }
}

package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A real log whose firmware extended PCR 5 with the Exit Boot Services actions without logging them: its real PCR 5
 * (testdata/issue22-attestation) matches the replay through go-attestation's workaround; any other value still differs.
 */
class ExitBootServicesTest {
    @Test
    void theRealPcr5OfALogMissingTheExitBootServicesEventsMatches() throws IOException {
        EventLog log = EventLog.parse(TestData.eventLogBytes("ebs_event_missing_eventlog.bin"));
        Bytes real = Bytes.fromHex(Files.readString(TestData.root().resolve("issue22-attestation")
                .resolve("ebs_event_missing_pcr5_sha1.txt")).trim());
        ReplayedPcrs replayed = log.replay();
        assertInstanceOf(PcrComparison.Matches.class, replayed.compareWith(PcrValues.EMPTY.with(TpmAlgId.SHA1, 5,
                real)));
        PcrComparison.Differs d = assertInstanceOf(PcrComparison.Differs.class, replayed.compareWith(
                PcrValues.EMPTY.with(TpmAlgId.SHA1, 5, Bytes.of(new byte[20]))));
        assertEquals(5, d.pcr());
        // the workaround is for PCR 5 only
        assertInstanceOf(PcrComparison.Differs.class, replayed.compareWith(PcrValues.EMPTY.with(TpmAlgId.SHA1, 4,
                real)));
    }
}

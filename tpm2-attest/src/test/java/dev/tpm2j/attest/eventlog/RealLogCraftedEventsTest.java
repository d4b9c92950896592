package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.LogEditor;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Real logs with one event added: a StartupLocality event (PCR 0 then starts from the locality), a StartupLocality after PCR 0 was extended (refused), and events at the last PCR index a log may name
 * (31) and past it.
 */
class RealLogCraftedEventsTest {
    private static final byte[] LOCALITY_3 = "StartupLocality\0\3".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aStartupLocalityEventSetsPcr0sStartingValue() {
        EventLog real = LogEditor.of("crypto_agile_eventlog.bin").parse();
        EventLog log = LogEditor.of("crypto_agile_eventlog.bin").insert(1, 0, EventType.EV_NO_ACTION, LOCALITY_3)
                .parse();
        assertEquals(0, real.startupLocality());
        assertEquals(3, log.startupLocality());
        assertInstanceOf(EventContent.StartupLocality.class, log.events().get(1).content());
        // by hand, as the PC Client Platform TPM Profile and go-attestation have it: PCR 0 starts at 00..03 and the
        // locality event itself is not extended (tpm2_eventlog 5.4 instead extends its digest from zero)
        byte[] pcr0 = new byte[32];
        pcr0[31] = 3;
        for (TcgEvent e : real.events()) {
            if (e.pcrIndex() == 0 && e.extended()) {
                pcr0 = TpmHash.hash(TpmAlgId.SHA256, pcr0, e.digests().get(TpmAlgId.SHA256).toByteArray());
            }
        }
        assertEquals(Bytes.of(pcr0), log.replay().value(TpmAlgId.SHA256, 0));
        assertNotEquals(real.replay().value(TpmAlgId.SHA256, 0), log.replay().value(TpmAlgId.SHA256, 0));
        // every other PCR is untouched by the locality
        assertEquals(real.replay().value(TpmAlgId.SHA256, 7), log.replay().value(TpmAlgId.SHA256, 7));
    }

    @Test
    void aStartupLocalityAfterTheFirstEventOfASha1LogExtendedPcr0IsRefused() {
        // the real SHA-1 log opens with EV_S_CRTM_VERSION in PCR 0: a locality event after it comes too late
        LogEditor editor = LogEditor.of("option_rom_eventlog.bin");
        assertEquals(0, editor.event(0).pcrIndex());
        assertEquals(EventType.EV_S_CRTM_VERSION, editor.event(0).eventType());
        EventLogFormatException e = assertThrows(EventLogFormatException.class,
                () -> editor.insert(1, 0, EventType.EV_NO_ACTION, LOCALITY_3).parse());
        assertTrue(e.getMessage().endsWith("a StartupLocality event after PCR 0 was extended"), e.getMessage());
        assertEquals(editor.event(1).offset(), e.offset());
    }

    @Test
    void pcr31IsTheLastIndexAnExtendedEventMayName() {
        EventLog log = LogEditor.of("crypto_agile_eventlog.bin").insert(1, 31, EventType.EV_EVENT_TAG, new byte[4])
                .parse();
        assertEquals(31, log.events().get(1).pcrIndex());
        assertTrue(log.replay().logged(TpmAlgId.SHA256, 31));
        LogEditor past = LogEditor.of("crypto_agile_eventlog.bin").insert(1, 32, EventType.EV_EVENT_TAG,
                new byte[4]);
        EventLogFormatException e = assertThrows(EventLogFormatException.class, past::parse);
        assertTrue(e.getMessage().endsWith("PCR index 32 is out of range for EV_EVENT_TAG"), e.getMessage());
    }

    @Test
    void aStartupLocalityEventWithoutItsLocalityByteIsRefused() {
        byte[] noLocality = java.util.Arrays.copyOf(LOCALITY_3, 16); // "StartupLocality\0"
        LogEditor editor = LogEditor.of("crypto_agile_eventlog.bin").insert(1, 0, EventType.EV_NO_ACTION,
                noLocality);
        EventLogFormatException e = assertThrows(EventLogFormatException.class, editor::parse);
        assertTrue(e.getMessage().endsWith("StartupLocality event must be 17 bytes in PCR 0"), e.getMessage());
    }
}

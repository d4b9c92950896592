package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the decoded content of an event may be believed for. */
class EventContentTest {
    @Test
    void windowsWbclSeparatorsAreNormalAndErrorSeparatorsAreNot() {
        assertFalse(new EventContent.Separator(Bytes.of("WBCL".getBytes(StandardCharsets.US_ASCII))).signalsError());
        assertFalse(new EventContent.Separator(Bytes.of(new byte[4])).signalsError());
        assertTrue(new EventContent.Separator(Bytes.of(new byte[] {1, 0, 0, 0})).signalsError());
        assertTrue(new EventContent.Separator(Bytes.fromHex("ffffffff")).signalsError());
    }

    @Test
    void aSeparatorShowingZeroWhileItsDigestSaysErrorIsForged() {
        byte[] error = {1, 0, 0, 0};
        TcgEvent e = new TcgEvent(1, 0, 7, EventType.EV_SEPARATOR, Map.of(TpmAlgId.SHA256,
                Bytes.of(TpmHash.hash(TpmAlgId.SHA256, error))), Bytes.of(new byte[4]));
        assertTrue(e.dataForged());
        TcgEvent honest = new TcgEvent(1, 0, 7, EventType.EV_SEPARATOR, Map.of(TpmAlgId.SHA256,
                Bytes.of(TpmHash.hash(TpmAlgId.SHA256, error))), Bytes.of(error));
        assertFalse(honest.dataForged());
    }

    @Test
    void noEventOfTheRealLogsIsFlaggedAsForged() {
        for (String name : new String[] {"crypto_agile_eventlog.bin", "sb_cert_eventlog.bin",
                "coreos_36_shielded_vm_no_secure_boot_eventlog.bin", "ebs_event_missing_eventlog.bin",
                "ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin", "option_rom_eventlog.bin"}) {
            for (TcgEvent e : EventLog.parse(TestData.eventLogBytes(name)).events()) {
                assertFalse(e.dataForged(), name + " event " + e.number() + " " + e.typeName());
            }
        }
    }
}

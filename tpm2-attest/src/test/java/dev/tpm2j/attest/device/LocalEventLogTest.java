package dev.tpm2j.attest.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.attest.TestData;
import dev.tpm2j.attest.eventlog.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a local event log: the newest of Windows' per-boot MeasuredBoot logs (a folder laid out like
 * C:\Windows\Logs\MeasuredBoot, filled with the real logs), and a plain file read whole like securityfs.
 */
class LocalEventLogTest {
    @Test
    void newestMeasuredBootLogIsChosenAndParses(@TempDir Path dir) throws IOException {
        Path older = dir.resolve("0000000001-0000000000.log");
        Path newer = dir.resolve("0000000002-0000000000.log");
        Files.write(older, TestData.eventLogBytes("option_rom_eventlog.bin"));
        Files.write(newer, TestData.eventLogBytes("sb_cert_eventlog.bin"));
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
        assertEquals(newer, LocalEventLog.newestLog(dir));
        byte[] read = LocalEventLog.read(LocalEventLog.newestLog(dir));
        assertArrayEquals(TestData.eventLogBytes("sb_cert_eventlog.bin"), read);
        assertEquals(EventLog.parse(TestData.eventLogBytes("sb_cert_eventlog.bin")).events().size(),
                EventLog.parse(read).events().size());
    }

    @Test
    void aFolderWithoutLogsIsAnIoError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> LocalEventLog.newestLog(dir));
        assertEquals("no measured-boot log in " + dir, e.getMessage());
    }
}

package dev.tpm2j.attest.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds and reads this machine's measured-boot event log: Linux
 * {@code /sys/kernel/security/tpm0/binary_bios_measurements} (needs root), Windows the newest
 * {@code C:\Windows\Logs\MeasuredBoot\*.log} (needs administrator). The bytes are returned as found: parse them with
 * {@link dev.tpm2j.attest.eventlog.EventLog#parse} and trust them only after the replay matches a verified quote.
 */
public final class LocalEventLog {
    /** The Linux securityfs path of the firmware event log. */
    public static final Path LINUX = Path.of("/sys/kernel/security/tpm0/binary_bios_measurements");
    /** The Windows folder of measured-boot logs (one per boot or resume). */
    public static final Path WINDOWS = Path.of("C:\\Windows\\Logs\\MeasuredBoot");
    private static final long MAX_LOG = 64L * 1024 * 1024;

    private LocalEventLog() {
    }

    /** Where this platform keeps its log (Windows: the newest .log file), or an {@link IOException} if none. */
    public static Path locate() throws IOException {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? newestLog(WINDOWS) : LINUX;
    }

    /** The newest {@code *.log} in a folder (Windows writes one per boot). */
    static Path newestLog(Path dir) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.log")) {
            s.forEach(logs::add);
        }
        return logs.stream().max(Comparator.comparing(LocalEventLog::modified)).orElseThrow(
                () -> new IOException("no measured-boot log in " + dir));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Reads the local log (bounded at 64 MiB; securityfs files report size 0, so the size is not trusted). */
    public static byte[] read() throws IOException {
        return read(locate());
    }

    /** Reads a log file, refusing more than 64 MiB. */
    public static byte[] read(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) MAX_LOG + 1);
            if (data.length > MAX_LOG) {
                throw new IOException(file + " is larger than " + MAX_LOG + " bytes");
            }
            return data;
        }
    }
}

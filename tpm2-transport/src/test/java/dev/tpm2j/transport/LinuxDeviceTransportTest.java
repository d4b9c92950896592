package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device transport against a character-device stand-in: two FIFOs driven by a test thread (the same
 * FileChannel code that opens /dev/tpmrm0), plus the kernel-error explanations.
 */
class LinuxDeviceTransportTest {
    private static final byte[] CMD = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 8};
    private static final byte[] RSP = {(byte) 0x80, 0x01, 0, 0, 0, 20, 0, 0, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};

    static Path fifo(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        mkfifo(p);
        return p;
    }

    static void mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0, "mkfifo");
    }

    @Test
    void oneWriteOneReadThroughFifos(@TempDir Path dir) throws Exception {
        Path cmd = fifo(dir, "cmd");
        Path rsp = fifo(dir, "rsp");
        byte[][] seen = new byte[1][];
        Thread tpm = new Thread(() -> {
            try (FileInputStream in = new FileInputStream(cmd.toFile());
                 FileOutputStream out = new FileOutputStream(rsp.toFile())) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                seen[0] = java.util.Arrays.copyOf(buf, n);
                out.write(RSP);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        tpm.start();
        try (LinuxDeviceTransport t = new LinuxDeviceTransport(cmd, rsp, java.time.Duration.ofSeconds(5))) {
            assertArrayEquals(RSP, t.transmit(CMD));
        }
        tpm.join(5000);
        assertArrayEquals(CMD, seen[0], "the whole command arrived in one write");
    }

    /** A device stand-in that reads the command and then answers with {@code answer} (null: never answers). */
    static Thread peer(Path cmd, Path rsp, byte[] answer) {
        Thread t = new Thread(() -> {
            try (FileInputStream in = new FileInputStream(cmd.toFile());
                 FileOutputStream out = new FileOutputStream(rsp.toFile())) {
                in.read(new byte[4096]);
                if (answer == null) {
                    Thread.sleep(3000);
                } else {
                    out.write(answer);
                }
            } catch (IOException | InterruptedException e) {
                // test over
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void silentDeviceTimesOutWithinTheReadTimeout(@TempDir Path dir) throws Exception {
        Path cmd = fifo(dir, "cmd");
        Path rsp = fifo(dir, "rsp");
        peer(cmd, rsp, null);
        try (LinuxDeviceTransport t = new LinuxDeviceTransport(cmd, rsp, java.time.Duration.ofMillis(300))) {
            long start = System.nanoTime();
            IOException e = assertThrows(java.net.SocketTimeoutException.class, () -> t.transmit(CMD));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2500, "within the timeout");
            assertTrue(e.getMessage().contains("no response within 300 ms"), e.getMessage());
        }
    }

    @Test
    void shortResponseIsAnError(@TempDir Path dir) throws Exception {
        Path cmd = fifo(dir, "cmd");
        Path rsp = fifo(dir, "rsp");
        peer(cmd, rsp, java.util.Arrays.copyOf(RSP, 14)); // header announces 20 bytes
        try (LinuxDeviceTransport t = new LinuxDeviceTransport(cmd, rsp, java.time.Duration.ofSeconds(5))) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(CMD));
            assertTrue(e.getMessage().contains("returned 14 bytes but the response header announces 20"),
                    e.getMessage());
        }
    }

    @Test
    void missingDeviceSaysSo(@TempDir Path dir) {
        Path none = dir.resolve("tpmrm9");
        try (LinuxDeviceTransport t = new LinuxDeviceTransport(none)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(CMD));
            assertTrue(e.getMessage().contains("does not exist: no TPM 2.0 is exposed"), e.getMessage());
        }
    }

    @Test
    void oversizeCommandIsNotSent(@TempDir Path dir) {
        try (LinuxDeviceTransport t = new LinuxDeviceTransport(dir.resolve("x"))) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(new byte[4097]));
            assertTrue(e.getMessage().contains("not sent"));
        }
    }

    @Test
    void kernelErrorsAreExplained() {
        Path dev = Path.of("/dev/tpmrm0");
        assertTrue(LinuxDeviceTransport.explain(new AccessDeniedException("/dev/tpmrm0"), dev).getMessage()
                .contains("add the user to the 'tss' group"));
        assertTrue(LinuxDeviceTransport.explain(new FileSystemException("/dev/tpm0: Device or resource busy"), dev)
                .getMessage().contains("EBUSY"));
        assertTrue(LinuxDeviceTransport.explain(new IOException("Argument list too long"), dev).getMessage()
                .contains("E2BIG"));
        assertTrue(LinuxDeviceTransport.explain(new IOException("Invalid argument"), dev).getMessage()
                .contains("EINVAL"));
        IOException other = new IOException("something else");
        assertSame(other, LinuxDeviceTransport.explain(other, dev));
        assertEquals(AccessDeniedException.class,
                LinuxDeviceTransport.explain(new AccessDeniedException("x"), dev).getCause().getClass());
    }
}

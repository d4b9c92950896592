package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.TpmTransport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selection-string options beyond tpm2-tools' host/port: {@code timeout=} bounds a silent peer, {@code startup=1}
 * brings an mssim simulator up (power on, NV on, TPM2_Startup) when it is opened, and {@code device:} with no path
 * tries /dev/tpmrm0 then /dev/tpm0 and names both when neither exists.
 */
class SelectionOptionsTest {
    final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    final List<Integer> signals = new CopyOnWriteArrayList<>();
    final List<byte[]> commands = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void timeoutAndStartupParse() {
        assertEquals(Duration.ofMillis(250), TctiConfig.parse("swtpm", "port=1,timeout=250").timeout());
        assertEquals(Duration.ofMillis(250), TctiConfig.parse("swtpm", "timeout=250ms").timeout());
        assertEquals(Duration.ofSeconds(5), TctiConfig.parse("mssim", "timeout=5s").timeout());
        assertTrue(TctiConfig.parse("mssim", "port=2321,startup=1").startup());
        assertEquals(new TctiConfig("localhost", 2321), TctiConfig.parse("mssim", "startup=0"));
        for (String bad : List.of("timeout=0", "timeout=-1", "timeout=abc", "timeout=11m", "timeout=700s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TctiConfig.parse("swtpm", bad), bad);
            assertTrue(e.getMessage().startsWith("swtpm: timeout"), e.getMessage());
        }
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> TctiConfig.parse("swtpm", "startup=1"));
        assertTrue(s.getMessage().contains("unknown option 'startup'"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TctiConfig.parse("mssim", "startup=yes"));
    }

    @Test
    void aTimeoutInTheSelectionStringBoundsASilentPeer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = silent.accept()) {
                    c.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // over
                }
            });
            t.setDaemon(true);
            t.start();
            try (TpmTransport tr = new TransportProviders.Swtpm().open("host=127.0.0.1,port=" + silent.getLocalPort()
                    + ",timeout=300")) {
                long start = System.nanoTime();
                assertThrows(IOException.class, () -> tr.transmit(new byte[] {(byte) 0x80, 1, 0, 0, 0, 12, 0, 0, 1,
                        0x7B, 0, 8}));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 10_000, "the 300 ms timeout applied (default is 30 s), took " + ms + " ms");
            }
        }
    }

    @Test
    void startupOneBringsAnMssimSimulatorUp() throws Exception {
        int port = startMssimPeer();
        try (TpmTransport t = new TransportProviders.Mssim().open("host=127.0.0.1,port=" + port
                + ",startup=1,timeout=2s")) {
            assertInstanceOf(MssimTransport.class, t);
            assertEquals(List.of(MssimTransport.Signal.POWER_ON.code, MssimTransport.Signal.NV_ON.code), signals);
            assertEquals(1, commands.size());
            byte[] startup = commands.get(0);
            assertEquals(0x144, ((startup[6] & 0xFF) << 24 | (startup[7] & 0xFF) << 16 | (startup[8] & 0xFF) << 8
                    | (startup[9] & 0xFF)), "TPM2_Startup");
            assertEquals(0, startup[11], "TPM_SU_CLEAR");
        }
        signals.clear();
        commands.clear();
        try (TpmTransport t = new TransportProviders.Mssim().open("host=127.0.0.1,port=" + port)) {
            assertInstanceOf(MssimTransport.class, t);
            assertEquals(List.of(), signals, "no start-up unless asked");
        }
    }

    int startMssimPeer() throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            ServerSocket a = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            ServerSocket b;
            try {
                b = new ServerSocket(a.getLocalPort() + 1, 5, InetAddress.getLoopbackAddress());
            } catch (IOException busy) {
                a.close();
                continue;
            }
            servers.add(a);
            servers.add(b);
            serve(a, (in, out) -> {
                while (true) {
                    int code = in.readInt();
                    if (code == MssimTransport.SESSION_END) {
                        return;
                    }
                    in.readUnsignedByte();
                    byte[] cmd = new byte[in.readInt()];
                    in.readFully(cmd);
                    commands.add(cmd);
                    byte[] ok = {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0, 0};
                    out.writeInt(ok.length);
                    out.write(ok);
                    out.writeInt(0);
                    out.flush();
                }
            });
            serve(b, (in, out) -> {
                signals.add(in.readInt());
                out.writeInt(0);
            });
            return a.getLocalPort();
        }
        throw new IOException("no port pair");
    }

    interface Peer {
        void serve(DataInputStream in, DataOutputStream out) throws IOException;
    }

    private static void serve(ServerSocket s, Peer peer) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    peer.serve(new DataInputStream(c.getInputStream()), new DataOutputStream(c.getOutputStream()));
                } catch (IOException e) {
                    // connection over
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void deviceWithNoPathTriesTheResourceManagerThenTheRawDevice(@TempDir Path dir) throws Exception {
        Path rm = dir.resolve("tpmrm0");
        Path raw = Files.createFile(dir.resolve("tpm0"));
        try (TpmTransport t = new TransportProviders.Device(List.of(rm, raw)).open("")) {
            assertEquals("device:" + raw, t.toString());
        }
        Files.delete(raw);
        IOException e = assertThrows(IOException.class, () -> new TransportProviders.Device(List.of(rm, raw)).open(""));
        assertTrue(e.getMessage().contains(rm + " and " + raw + " do not exist"), e.getMessage());
    }
}

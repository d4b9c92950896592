package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * mssim framing and platform signals against a small loopback peer (swtpm does not implement the platform port;
 * the TPM-port framing is also tested against swtpm itself in the integration tests).
 */
class MssimTransportTest {
    private static final byte[] CMD = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 8};
    private static final byte[] OK = {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0, 0};

    interface Peer {
        void serve(DataInputStream in, DataOutputStream out) throws IOException;
    }

    final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    final List<Integer> signals = new CopyOnWriteArrayList<>();

    /** Starts a TPM-port peer at P and a platform-port peer at P+1. */
    int start(Peer tpm, int platformAck) throws IOException {
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
            serve(a, tpm);
            serve(b, (in, out) -> {
                signals.add(in.readInt());
                out.writeInt(platformAck);
            });
            return a.getLocalPort();
        }
        throw new IOException("no port pair");
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

    @AfterEach
    void stop() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    static MssimTransport client(int port) {
        return new MssimTransport("127.0.0.1", port, 0, Duration.ofSeconds(2), Duration.ofMillis(500), 4096);
    }

    static byte[] readEnvelope(DataInputStream in) throws IOException {
        assertEquals(MssimTransport.TPM_SEND_COMMAND, in.readInt());
        assertEquals(0, in.readUnsignedByte(), "locality");
        byte[] cmd = new byte[in.readInt()];
        in.readFully(cmd);
        return cmd;
    }

    @Test
    void envelopeAndTrailingAcknowledgement() throws Exception {
        int port = start((in, out) -> {
            while (true) {
                int code = in.readInt();
                if (code == MssimTransport.SESSION_END) {
                    return; // the client said goodbye
                }
                assertEquals(MssimTransport.TPM_SEND_COMMAND, code);
                assertEquals(0, in.readUnsignedByte());
                byte[] cmd = new byte[in.readInt()];
                in.readFully(cmd);
                assertArrayEquals(CMD, cmd);
                out.writeInt(OK.length);
                out.write(OK);
                out.writeInt(0);
            }
        }, 0);
        try (MssimTransport t = client(port)) {
            assertArrayEquals(OK, t.transmit(CMD));
            assertArrayEquals(OK, t.transmit(CMD));
        }
    }

    @Test
    void garbageAcknowledgementIsAnError() throws Exception {
        int port = start((in, out) -> {
            readEnvelope(in);
            out.writeInt(OK.length);
            out.write(OK);
            out.writeInt(0xDEADBEEF);
        }, 0);
        try (MssimTransport t = client(port)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(CMD));
            assertTrue(e.getMessage().contains("acknowledgement 3735928559"), e.getMessage());
        }
    }

    @Test
    void hugeLengthAndEarlyCloseAndSilence() throws Exception {
        int huge = start((in, out) -> {
            readEnvelope(in);
            out.writeInt(0x80000000);
        }, 0);
        try (MssimTransport t = client(huge)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(CMD));
            assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
        }
        int early = start((in, out) -> {
            readEnvelope(in);
            out.writeInt(20);
            out.write(OK);
        }, 0);
        try (MssimTransport t = client(early)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(CMD));
            assertTrue(e.getMessage().contains("middle of the response"), e.getMessage());
        }
        int silent = start((in, out) -> {
            readEnvelope(in);
            in.read();
        }, 0);
        try (MssimTransport t = client(silent)) {
            assertTimeoutPreemptively(Duration.ofSeconds(3),
                    () -> assertThrows(SocketTimeoutException.class, () -> t.transmit(CMD)));
        }
    }

    @Test
    void platformSignalsAndBringUp() throws Exception {
        int port = start((in, out) -> {
            readEnvelope(in);
            byte[] initialize = {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0x01, 0x00};
            out.writeInt(10);
            out.write(initialize);
            out.writeInt(0);
            in.readInt();
        }, 0);
        try (MssimTransport t = client(port)) {
            t.bringUp();
            t.signal(MssimTransport.Signal.RESET);
            t.signal(MssimTransport.Signal.CANCEL_ON);
        }
        assertEquals(List.of(1, 11, 17, 9), signals);
    }

    @Test
    void refusedSignalIsAnError() throws Exception {
        int port = start((in, out) -> in.readInt(), 1);
        try (MssimTransport t = client(port)) {
            IOException e = assertThrows(IOException.class, () -> t.signal(MssimTransport.Signal.POWER_OFF));
            assertTrue(e.getMessage().contains("POWER_OFF answered 1"), e.getMessage());
        }
    }

    @Test
    void handshake() throws Exception {
        int port = start((in, out) -> {
            assertEquals(MssimTransport.REMOTE_HANDSHAKE, in.readInt());
            assertEquals(1, in.readInt());
            out.writeInt(1);
            out.writeInt(7);
            out.writeInt(0);
        }, 0);
        try (MssimTransport t = client(port)) {
            assertEquals(new MssimTransport.Handshake(1, 7), t.handshake(1));
        }
    }
}

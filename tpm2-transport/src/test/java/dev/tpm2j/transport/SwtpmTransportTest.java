package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing and failure paths of the swtpm raw TCP transport against a scripted loopback peer. */
class SwtpmTransportTest {
    private static final byte[] GET_RANDOM = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 8};
    private static final byte[] OK = {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0, 0};

    interface Script {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    ServerSocket server;
    Thread peer;
    final AtomicInteger connections = new AtomicInteger();

    int startPeer(Script script) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        peer = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    script.serve(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    // peer side done
                }
            }
        });
        peer.setDaemon(true);
        peer.start();
        return server.getLocalPort();
    }

    static byte[] readCommand(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[6];
        d.readFully(header);
        int size = ((header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        byte[] rest = new byte[size - 6];
        d.readFully(rest);
        return rest;
    }

    SwtpmTransport transport(int port, int readTimeoutMillis) {
        return new SwtpmTransport("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofMillis(readTimeoutMillis),
                4096);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exchangesOneCommandAndResponse() throws Exception {
        int port = startPeer((in, out) -> {
            while (true) {
                readCommand(in);
                out.write(OK);
            }
        });
        try (SwtpmTransport t = transport(port, 2000)) {
            assertArrayEquals(OK, t.transmit(GET_RANDOM));
            assertArrayEquals(OK, t.transmit(GET_RANDOM));
        }
        assertTrue(connections.get() == 1, "one connection reused");
    }

    @Test
    void peerClosingMidResponseIsAClearEofWithinTimeout() throws Exception {
        int port = startPeer((in, out) -> {
            readCommand(in);
            out.write(new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 20, 0, 0, 0, 0, 1, 2});
            out.flush();
        });
        try (SwtpmTransport t = transport(port, 2000)) {
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(IOException.class, () -> t.transmit(GET_RANDOM)));
            assertTrue(e.getMessage().contains("closed the connection after 12 of 20"), e.getMessage());
        }
    }

    @Test
    void hugeAnnouncedLengthIsRejectedWithoutAllocating() throws Exception {
        int port = startPeer((in, out) -> {
            readCommand(in);
            out.write(new byte[] {(byte) 0x80, 0x01, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
        });
        try (SwtpmTransport t = transport(port, 2000)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(GET_RANDOM));
            assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
        }
    }

    @Test
    void silentPeerTimesOutWithinTheReadTimeout() throws Exception {
        int port = startPeer((in, out) -> {
            readCommand(in);
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (SwtpmTransport t = transport(port, 300)) {
            long start = System.nanoTime();
            IOException e = assertThrows(SocketTimeoutException.class, () -> t.transmit(GET_RANDOM));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "timed out after " + ms + " ms");
            assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
        }
    }

    @Test
    void oversizeCommandIsRejectedBeforeSending() throws Exception {
        int port = startPeer((in, out) -> readCommand(in));
        try (SwtpmTransport t = transport(port, 500)) {
            byte[] big = new byte[5000];
            IOException e = assertThrows(IOException.class, () -> t.transmit(big));
            assertTrue(e.getMessage().contains("not sent"), e.getMessage());
        }
        assertTrue(connections.get() == 0, "nothing was sent");
    }

    @Test
    void reconnectsAfterAFailure() throws Exception {
        AtomicInteger n = new AtomicInteger();
        int port = startPeer((in, out) -> {
            readCommand(in);
            if (n.getAndIncrement() == 0) {
                return; // first connection: close without answering
            }
            out.write(OK);
            readCommand(in);
        });
        try (SwtpmTransport t = transport(port, 2000)) {
            assertThrows(IOException.class, () -> t.transmit(GET_RANDOM));
            assertArrayEquals(OK, t.transmit(GET_RANDOM));
        }
    }

    @Test
    void refusedConnectionSaysWhereAndWhat() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SwtpmTransport t = transport(port, 500)) {
            IOException e = assertThrows(IOException.class, () -> t.transmit(GET_RANDOM));
            assertTrue(e.getMessage().contains("cannot connect to swtpm at 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void closeIsIdempotentAndFinal() throws Exception {
        int port = startPeer((in, out) -> readCommand(in));
        SwtpmTransport t = transport(port, 500);
        t.close();
        t.close();
        assertThrows(IOException.class, () -> t.transmit(GET_RANDOM));
    }
}

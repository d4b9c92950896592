package dev.tpm2j.it.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between tpm2j and swtpm that can delay, truncate, drop, corrupt or duplicate the TPM's
 * responses, or kill the connection after a chosen number of response bytes. The fault applies to the next
 * response only, then the proxy passes bytes through again.
 */
final class FaultProxy implements AutoCloseable {
    enum Fault { NONE, DELAY, TRUNCATE, DROP, CORRUPT, DUPLICATE, KILL_AT }

    private final ServerSocket server;
    private final int upstreamPort;
    private volatile Fault fault = Fault.NONE;
    private volatile int argument;
    final AtomicInteger connections = new AtomicInteger();

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fault-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Applies {@code f} (with {@code arg}: delay in ms, byte count…) to the next response. */
    void next(Fault f, int arg) {
        this.argument = arg;
        this.fault = f;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private void serve(Socket client) {
        Socket up;
        try {
            up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        // up is not a try resource: a DELAY or DROP fault closes it halfway
        try (client) {
            InputStream cin = client.getInputStream();
            OutputStream cout = client.getOutputStream();
            InputStream uin = up.getInputStream();
            OutputStream uout = up.getOutputStream();
            byte[] header = new byte[10];
            while (true) {
                // one command: header then the rest
                if (!readFully(cin, header, 10)) {
                    return;
                }
                int size = size(header);
                byte[] cmd = Arrays.copyOf(header, size);
                if (!readFully(cin, cmd, 10, size - 10)) {
                    return;
                }
                uout.write(cmd);
                uout.flush();
                byte[] rh = new byte[10];
                if (!readFully(uin, rh, 10)) {
                    return;
                }
                byte[] rsp = Arrays.copyOf(rh, size(rh));
                if (!readFully(uin, rsp, 10, rsp.length - 10)) {
                    return;
                }
                Fault f = fault;
                fault = Fault.NONE;
                if (f == Fault.DELAY || f == Fault.DROP) {
                    up.close(); // release swtpm (one connection at a time) while the client waits in vain
                }
                switch (f) {
                    case DELAY -> {
                        Thread.sleep(argument);
                        cout.write(rsp);
                        cout.flush();
                        return;
                    }
                    case TRUNCATE -> cout.write(rsp, 0, Math.min(argument, rsp.length));
                    case DROP -> {
                        // swallow the response; the client must time out
                        Thread.sleep(argument);
                        return;
                    }
                    case CORRUPT -> {
                        rsp[Math.min(argument, rsp.length - 1)] ^= 0x5A;
                        cout.write(rsp);
                    }
                    case DUPLICATE -> {
                        cout.write(rsp);
                        cout.write(rsp);
                    }
                    case KILL_AT -> {
                        cout.write(rsp, 0, Math.min(argument, rsp.length));
                        cout.flush();
                        return; // closes both connections
                    }
                    default -> cout.write(rsp);
                }
                cout.flush();
                if (f == Fault.TRUNCATE) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        } finally {
            closeQuietly(up);
        }
    }

    private static int size(byte[] h) {
        return ((h[2] & 0xFF) << 24) | ((h[3] & 0xFF) << 16) | ((h[4] & 0xFF) << 8) | (h[5] & 0xFF);
    }

    private static boolean readFully(InputStream in, byte[] b, int n) throws IOException {
        return readFully(in, b, 0, n);
    }

    private static boolean readFully(InputStream in, byte[] b, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, off + done, n - done);
            if (r < 0) {
                return false;
            }
            done += r;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The Microsoft / IBM TPM simulator protocol (ibmswtpm2, ms-tpm-20-ref; swtpm accepts it too). TPM port P carries
 * {@code u32 TPM_SEND_COMMAND | u8 locality | u32 length | command}, answered by {@code u32 length | response |
 * u32 0}; platform port P+1 takes bare u32 signals (power, NV, reset, cancel) each acknowledged by u32 0.
 */
public final class MssimTransport implements TpmTransport {
    static final int TPM_SEND_COMMAND = 8;
    static final int REMOTE_HANDSHAKE = 15;
    static final int SESSION_END = 20;
    static final int STOP = 21;
    /** TPM2_Startup(TPM_SU_CLEAR). */
    private static final byte[] STARTUP_CLEAR = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x44, 0, 0};

    /** Platform-port signals. */
    public enum Signal {
        /** Power the simulated platform on. */
        POWER_ON(1),
        /** Power it off. */
        POWER_OFF(2),
        /** Assert the cancel line. */
        CANCEL_ON(9),
        /** Release the cancel line. */
        CANCEL_OFF(10),
        /** Make NV memory available. */
        NV_ON(11),
        /** Make NV memory unavailable. */
        NV_OFF(12),
        /** _TPM_Init after a reset. */
        RESET(17),
        /** _TPM_Init after a restart. */
        RESTART(18);

        final int code;

        Signal(int code) {
            this.code = code;
        }
    }

    /** The server's answer to REMOTE_HANDSHAKE. */
    public record Handshake(int serverVersion, int flags) {
    }

    private final String host;
    private final int port;
    private final int locality;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int maxSize;
    private Socket tpmSocket;
    private boolean closed;

    /** A transport with the default timeouts at locality 0. */
    public MssimTransport(String host, int port) {
        this(host, port, 0, Duration.ofSeconds(5), Duration.ofSeconds(30), SwtpmTransport.DEFAULT_MAX_SIZE);
    }

    /** A transport with explicit locality, timeouts and response size bound. */
    public MssimTransport(String host, int port, int locality, Duration connectTimeout, Duration readTimeout,
                          int maxSize) {
        if (port < 1 || port > 65534) {
            throw new IllegalArgumentException("port must be 1..65534 (the platform port is port+1): " + port);
        }
        if (locality < 0 || locality > 4) {
            throw new IllegalArgumentException("locality must be 0..4");
        }
        this.host = host;
        this.port = port;
        this.locality = locality;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.maxSize = maxSize;
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        ensureOpen();
        if (command.length < SwtpmTransport.HEADER || command.length > maxSize) {
            throw new IOException("command of " + command.length + " bytes is outside " + SwtpmTransport.HEADER
                    + ".." + maxSize + "; not sent");
        }
        Socket s = tpmSocket();
        try {
            ByteBuffer frame = ByteBuffer.allocate(9 + command.length);
            frame.putInt(TPM_SEND_COMMAND).put((byte) locality).putInt(command.length).put(command);
            s.getOutputStream().write(frame.array());
            s.getOutputStream().flush();
            return readFramedResponse(new DataInputStream(s.getInputStream()));
        } catch (SocketTimeoutException e) {
            dropTpm();
            throw new SocketTimeoutException("mssim at " + where(port) + " sent no complete response within "
                    + readTimeoutMillis + " ms");
        } catch (IOException e) {
            dropTpm();
            throw e;
        }
    }

    /** Reads {@code u32 length | response | u32 ack}; package-private for the framing fuzzers. */
    byte[] readFramedResponse(DataInputStream in) throws IOException {
        {
            long len = Integer.toUnsignedLong(readInt(in, "response length"));
            if (len < SwtpmTransport.HEADER || len > maxSize) {
                throw new IOException("mssim at " + where(port) + " announced a response of " + len
                        + " bytes, outside " + SwtpmTransport.HEADER + ".." + maxSize);
            }
            byte[] response = new byte[(int) len];
            readFully(in, response, "response");
            int ack = readInt(in, "acknowledgement");
            if (ack != 0) {
                throw new IOException("mssim at " + where(port) + " ended the response with acknowledgement "
                        + Integer.toUnsignedString(ack) + " instead of 0");
            }
            return response;
        }
    }

    /** REMOTE_HANDSHAKE on the TPM port: tells the server our protocol version and returns its version and flags. */
    public synchronized Handshake handshake(int clientVersion) throws IOException {
        ensureOpen();
        if (clientVersion == 0) {
            throw new IllegalArgumentException("client version must not be 0");
        }
        Socket s = tpmSocket();
        try {
            s.getOutputStream().write(ByteBuffer.allocate(8).putInt(REMOTE_HANDSHAKE).putInt(clientVersion).array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int version = readInt(in, "handshake server version");
            int flags = readInt(in, "handshake flags");
            int ack = readInt(in, "handshake acknowledgement");
            if (ack != 0) {
                throw new IOException("mssim handshake acknowledgement " + Integer.toUnsignedString(ack)
                        + " instead of 0");
            }
            return new Handshake(version, flags);
        } catch (IOException e) {
            dropTpm();
            throw e;
        }
    }

    /** Sends one signal on the platform port and checks its acknowledgement. */
    public synchronized void signal(Signal signal) throws IOException {
        ensureOpen();
        try (Socket p = connect(port + 1)) {
            p.getOutputStream().write(ByteBuffer.allocate(4).putInt(signal.code).array());
            int ack = readInt(new DataInputStream(p.getInputStream()), signal + " acknowledgement");
            if (ack != 0) {
                throw new IOException("mssim platform signal " + signal + " answered " + Integer.toUnsignedString(ack)
                        + " instead of 0");
            }
        }
    }

    /** POWER_ON, NV_ON, then TPM2_Startup(CLEAR) (an already started TPM is fine). */
    public void bringUp() throws IOException {
        signal(Signal.POWER_ON);
        signal(Signal.NV_ON);
        byte[] r = transmit(STARTUP_CLEAR);
        int rc = ByteBuffer.wrap(r, 6, 4).getInt();
        if (rc != 0 && rc != 0x100) {
            throw new IOException(String.format("TPM2_Startup(CLEAR) answered 0x%08x", rc));
        }
    }

    private Socket tpmSocket() throws IOException {
        if (tpmSocket == null) {
            tpmSocket = connect(port);
        }
        return tpmSocket;
    }

    private Socket connect(int p) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
            s.connect(new InetSocketAddress(host, p), connectTimeoutMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to mssim at " + where(p) + ": " + e.getMessage(), e);
        }
    }

    private int readInt(DataInputStream in, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new EOFException("mssim closed the connection while sending the " + what);
        }
    }

    private void readFully(DataInputStream in, byte[] b, String what) throws IOException {
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new EOFException("mssim closed the connection in the middle of the " + what + " ("
                    + b.length + " bytes announced)");
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("mssim transport to " + where(port) + " is closed");
        }
    }

    private void dropTpm() {
        if (tpmSocket != null) {
            try {
                tpmSocket.close();
            } catch (IOException ignored) {
                // already failing
            }
            tpmSocket = null;
        }
    }

    /** Closes the TPM-port connection, if any; the next command reconnects. Lets another client in. */
    public synchronized void disconnect() {
        dropTpm();
    }

    /** Ends the TPM-port session politely (SESSION_END, no acknowledgement) and closes. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tpmSocket != null) {
            try {
                tpmSocket.getOutputStream().write(ByteBuffer.allocate(4).putInt(SESSION_END).array());
            } catch (IOException ignored) {
                // the peer may already be gone
            }
        }
        dropTpm();
    }

    private String where(int p) {
        return host + ":" + p;
    }

    @Override
    public String toString() {
        return "mssim:host=" + host + ",port=" + port;
    }
}

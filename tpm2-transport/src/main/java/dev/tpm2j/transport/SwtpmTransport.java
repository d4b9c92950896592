package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * swtpm's raw TCP command channel ({@code swtpm socket --server type=tcp,port=P}): one write of the whole command,
 * then a 10-byte response header and the rest of the response. Connects lazily, reconnects after a failure, caps the
 * response size, and turns a dead or silent peer into an {@link IOException} within the read timeout.
 */
public final class SwtpmTransport implements TpmTransport {
    /** TPM 2.0 response header: tag (2), size (4), response code (4). */
    static final int HEADER = 10;
    /** Default MAX_COMMAND_SIZE / MAX_RESPONSE_SIZE of TPM 2.0 implementations. */
    public static final int DEFAULT_MAX_SIZE = 4096;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int maxSize;
    private Socket socket;
    private boolean closed;

    /** A transport with the default timeouts and response size bound. */
    public SwtpmTransport(String host, int port) {
        this(host, port, Duration.ofSeconds(5), Duration.ofSeconds(30), DEFAULT_MAX_SIZE);
    }

    /**
     * @param connectTimeout how long to wait for the TCP connection
     * @param readTimeout    how long to wait for each read of the response (TPM commands such as RSA key
     *                       generation can take seconds on real hardware)
     * @param maxSize        the largest command sent and response accepted
     */
    public SwtpmTransport(String host, int port, Duration connectTimeout, Duration readTimeout, int maxSize) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (maxSize < HEADER) {
            throw new IllegalArgumentException("maxSize must be at least " + HEADER);
        }
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.maxSize = maxSize;
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        if (closed) {
            throw new IOException("swtpm transport to " + where() + " is closed");
        }
        if (command.length < HEADER || command.length > maxSize) {
            throw new IOException("command of " + command.length + " bytes is outside " + HEADER + ".." + maxSize
                    + "; not sent");
        }
        Socket s = connect();
        try {
            OutputStream out = s.getOutputStream();
            out.write(command);
            out.flush();
            return readResponse(s.getInputStream());
        } catch (SocketTimeoutException e) {
            drop();
            throw new SocketTimeoutException("swtpm at " + where() + " sent no complete response within "
                    + readTimeoutMillis + " ms");
        } catch (IOException e) {
            drop();
            throw e;
        }
    }

    /** Reads one framed response (header, announced size, rest); package-private for the framing fuzzers. */
    byte[] readResponse(InputStream in) throws IOException {
        byte[] header = new byte[HEADER];
        readFully(in, header, 0, HEADER, HEADER);
        long size = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        if (size < HEADER || size > maxSize) {
            throw new IOException("swtpm at " + where() + " announced a response of " + size
                    + " bytes, outside " + HEADER + ".." + maxSize);
        }
        byte[] response = new byte[(int) size];
        System.arraycopy(header, 0, response, 0, HEADER);
        readFully(in, response, HEADER, (int) size - HEADER, (int) size);
        return response;
    }

    private void readFully(InputStream in, byte[] buf, int off, int len, int total) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(buf, off + done, len - done);
            if (n < 0) {
                throw new EOFException("swtpm at " + where() + " closed the connection after "
                        + (off + done) + " of " + total + " response bytes");
            }
            done += n;
        }
    }

    private Socket connect() throws IOException {
        if (socket != null) {
            return socket;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to swtpm at " + where() + ": " + e.getMessage()
                    + " (is swtpm running with --server type=tcp,port=" + port + "?)", e);
        }
        socket = s;
        return s;
    }

    private void drop() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing; the original error is what matters
            }
            socket = null;
        }
    }

    /** Closes the current connection, if any; the next command reconnects. Use it to let another client in. */
    public synchronized void disconnect() {
        drop();
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    private String where() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "swtpm:host=" + host + ",port=" + port;
    }
}

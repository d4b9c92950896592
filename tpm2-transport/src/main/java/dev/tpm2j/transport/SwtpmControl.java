package dev.tpm2j.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * swtpm's control channel ({@code --ctrl type=tcp,port=P+1}): {@code u32 command | payload} answered by
 * {@code u32 result | payload}; a non-zero result is an {@link IOException} naming the command and code.
 */
public final class SwtpmControl {
    static final int GET_CAPABILITY = 1;
    static final int INIT = 2;
    static final int SHUTDOWN = 3;
    static final int SET_LOCALITY = 5;
    static final int CANCEL_TPM_CMD = 9;
    static final int STOP = 0x0E;

    private final String host;
    private final int port;
    private final int timeoutMillis;

    /** A control channel client with the default timeout. */
    public SwtpmControl(String host, int port) {
        this(host, port, Duration.ofSeconds(10));
    }

    /** A control channel client with the given timeout. */
    public SwtpmControl(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** The capability bit mask swtpm reports (which control commands it supports). */
    public long getCapability() throws IOException {
        return Integer.toUnsignedLong(call(GET_CAPABILITY, new byte[0], 4).getInt());
    }

    /** _TPM_Init: (re)initializes the TPM; flags bit 0 deletes volatile state. */
    public void init(int flags) throws IOException {
        call(INIT, ByteBuffer.allocate(4).putInt(flags).array(), 0);
    }

    /** Powers the TPM off (state is kept). */
    public void shutdown() throws IOException {
        call(SHUTDOWN, new byte[0], 0);
    }

    /** CMD_SET_LOCALITY: the locality of the following commands. */
    public void setLocality(int locality) throws IOException {
        if (locality < 0 || locality > 4) {
            throw new IllegalArgumentException("locality must be 0..4");
        }
        call(SET_LOCALITY, new byte[] {(byte) locality}, 0);
    }

    /** CMD_CANCEL_TPM_CMD: cancel the command in progress. */
    public void cancelTpmCommand() throws IOException {
        call(CANCEL_TPM_CMD, new byte[0], 0);
    }

    /** Stops the TPM; swtpm then serves no more commands. */
    public void stop() throws IOException {
        call(STOP, new byte[0], 0);
    }

    private ByteBuffer call(int command, byte[] payload, int replyPayload) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.getOutputStream().write(ByteBuffer.allocate(4 + payload.length).putInt(command).put(payload).array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int result = in.readInt();
            if (result != 0) {
                throw new IOException("swtpm control command " + command + " failed with result 0x"
                        + Integer.toHexString(result));
            }
            byte[] reply = new byte[replyPayload];
            in.readFully(reply);
            return ByteBuffer.wrap(reply);
        }
    }
}

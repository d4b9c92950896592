package dev.tpm2j.core;

import java.io.IOException;

/**
 * A way to reach a TPM: sends one complete command and returns one complete response. Implementations (swtpm TCP,
 * mssim, Linux device, Windows TBS) live in {@code tpm2-transport}; {@link Tpm} serializes calls, but transports
 * must be thread-safe too. Responses are untrusted bytes: {@link Tpm} checks them.
 */
public interface TpmTransport extends AutoCloseable {
    /** Sends {@code command} and returns the TPM's response, or throws if the exchange failed. */
    byte[] transmit(byte[] command) throws IOException;

    /** Releases the connection; calling it again does nothing. */
    @Override
    void close() throws IOException;
}

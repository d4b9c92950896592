package dev.tpm2j.it.hardening;

import dev.tpm2j.core.TpmTransport;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * A transport wrapper for fault injection: fails the n-th command without sending it (as an I/O error or as a TPM
 * error response), or rewrites responses.
 */
final class FailingTransport implements TpmTransport {
    final TpmTransport inner;
    volatile int failAt = -1;
    volatile boolean asTpmError;
    volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();
    private int seen;

    FailingTransport(TpmTransport inner) {
        this.inner = inner;
    }

    synchronized void failNth(int n, boolean tpmError) {
        seen = 0;
        failAt = n;
        asTpmError = tpmError;
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        int index = seen++;
        if (index == failAt) {
            failAt = -1;
            if (asTpmError) {
                // TPM_RC_FAILURE without the command ever reaching the TPM
                return new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0x01, 0x01};
            }
            throw new IOException("injected I/O failure on command " + index);
        }
        return rewrite.apply(inner.transmit(command));
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}

package dev.tpm2j.core;

import dev.tpm2j.core.marshal.TpmException;
import java.io.IOException;

/** The transport failed to deliver a command or its response (connection refused, peer died, timeout…). */
public final class TpmTransportException extends TpmException {
    private static final long serialVersionUID = 1L;

    public TpmTransportException(String message, IOException cause) {
        super(message, cause);
    }
}

package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.TpmWriter;

/** What a session needs to check its part of a successful response: the command code and the parameter area. */
public final class ResponseAuthContext {
    private final int commandCode;
    private final byte[] parameters;
    private final boolean authorizes;

    public ResponseAuthContext(int commandCode, byte[] parameters) {
        this(commandCode, parameters, true);
    }

    private ResponseAuthContext(int commandCode, byte[] parameters, boolean authorizes) {
        this.commandCode = commandCode;
        this.parameters = parameters;
        this.authorizes = authorizes;
    }

    /** The same response seen by one session. */
    public ResponseAuthContext forSession(boolean authorizesHandle) {
        return new ResponseAuthContext(commandCode, parameters, authorizesHandle);
    }

    public boolean authorizes() {
        return authorizes;
    }

    public int commandCode() {
        return commandCode;
    }

    public byte[] parameters() {
        return parameters;
    }

    /** rpHash = H(responseCode (0) ‖ commandCode ‖ parameters). */
    public byte[] rpHash(int hashAlg) {
        TpmWriter w = new TpmWriter(parameters.length + 8);
        w.u32(0).u32(commandCode).raw(parameters);
        byte[] h = TpmHash.hash(hashAlg, w.toByteArray());
        w.wipe();
        return h;
    }
}

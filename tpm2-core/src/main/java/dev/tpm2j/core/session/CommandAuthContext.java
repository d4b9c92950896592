package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a session may need to authorize one command: the command code, the names of the handles in its handle area
 * (computed only when asked, since only HMAC sessions need them) and the marshalled parameter area.
 */
public final class CommandAuthContext {
    private final int commandCode;
    private final Supplier<List<Bytes>> handleNames;
    private final byte[] parameters;
    private final boolean authorizes;

    /** What a session needs of one command: its code, its handles' Names (computed on demand) and its parameters. */
    public CommandAuthContext(int commandCode, Supplier<List<Bytes>> handleNames, byte[] parameters) {
        this(commandCode, handleNames, parameters, true);
    }

    private CommandAuthContext(int commandCode, Supplier<List<Bytes>> handleNames, byte[] parameters,
                               boolean authorizes) {
        this.commandCode = commandCode;
        this.handleNames = handleNames;
        this.parameters = parameters;
        this.authorizes = authorizes;
    }

    /** The same command seen by one session: does it authorize a handle, or only encrypt/audit? */
    public CommandAuthContext forSession(boolean authorizesHandle) {
        return new CommandAuthContext(commandCode, handleNames, parameters, authorizesHandle);
    }

    /** Whether the session this context was made for authorizes a handle (else it only encrypts or audits). */
    public boolean authorizes() {
        return authorizes;
    }

    /** The command code. */
    public int commandCode() {
        return commandCode;
    }

    /** The Names of the command's handles. */
    public List<Bytes> handleNames() {
        return handleNames.get();
    }

    /** The marshalled parameter area (not a copy: do not change it). */
    public byte[] parameters() {
        return parameters;
    }

    /** cpHash = H(commandCode ‖ name1 ‖ … ‖ parameters). */
    public byte[] cpHash(int hashAlg) {
        TpmWriter w = new TpmWriter(parameters.length + 80);
        w.u32(commandCode);
        for (Bytes name : handleNames()) {
            w.raw(name);
        }
        w.raw(parameters);
        byte[] h = TpmHash.hash(hashAlg, w.toByteArray());
        w.wipe();
        return h;
    }
}

package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a session may need to authorize one command: the command code, the names of the handles in its handle area
 * (computed only when asked, since only HMAC sessions need them), the marshalled parameter area, and — for one
 * particular session — whether it sits in an authorization slot, the authValue of the entity in that slot (when the
 * caller supplied one) and the extra nonces that join the first session's HMAC (Part 1 §19.6.5: the nonceTPM of a
 * separate decrypt session, then of a separate encrypt session).
 */
public final class CommandAuthContext {
    private static final byte[] NONE = new byte[0];

    private final int commandCode;
    private final Supplier<List<Bytes>> handleNames;
    private final byte[] parameters;
    private final boolean authorizes;
    private final byte[] extraNonces;
    private final byte[] entityAuth;
    private final int slot;

    /** The context of one command, before it is specialised per session with {@link #forSession}. */
    public CommandAuthContext(int commandCode, Supplier<List<Bytes>> handleNames, byte[] parameters) {
        this(commandCode, handleNames, parameters, true, NONE, null, -1);
    }

    private CommandAuthContext(int commandCode, Supplier<List<Bytes>> handleNames, byte[] parameters,
                               boolean authorizes, byte[] extraNonces, byte[] entityAuth, int slot) {
        this.slot = slot;
        this.commandCode = commandCode;
        this.handleNames = handleNames;
        this.parameters = parameters;
        this.authorizes = authorizes;
        this.extraNonces = extraNonces;
        this.entityAuth = entityAuth;
    }

    /** The same command seen by one session: does it authorize a handle, or only encrypt/audit? */
    public CommandAuthContext forSession(boolean authorizesHandle) {
        return new CommandAuthContext(commandCode, handleNames, parameters, authorizesHandle, NONE, null, -1);
    }

    /**
     * The same command seen by the session in authorization slot {@code slot} (negative: an encrypt, decrypt or
     * audit session), with the nonces appended to its HMAC after nonceTPM (empty unless this is the first session
     * and another session decrypts or encrypts) and the authValue of the entity it authorizes ({@code null}: the
     * session's own).
     */
    public CommandAuthContext forSlot(int slot, byte[] extraNonces, byte[] entityAuth) {
        return new CommandAuthContext(commandCode, handleNames, parameters, slot >= 0,
                extraNonces == null ? NONE : extraNonces, entityAuth, slot);
    }

    /** The name of the entity this session authorizes, or {@code null} when it sits in no authorization slot. */
    public Bytes entityName() {
        return slot >= 0 ? handleNames().get(slot) : null;
    }

    /** Whether the session this context was made for authorizes a handle (else it only encrypts or audits). */
    public boolean authorizes() {
        return authorizes;
    }

    /** TPM_CC of the command. */
    public int commandCode() {
        return commandCode;
    }

    /** The names of the command's handles, in handle order. */
    public List<Bytes> handleNames() {
        return handleNames.get();
    }

    /** The marshalled parameter area (not a copy: do not change it). */
    public byte[] parameters() {
        return parameters;
    }

    /** nonceTPMdecrypt ‖ nonceTPMencrypt as they join this session's HMAC (often empty; not a copy). */
    public byte[] extraNonces() {
        return extraNonces;
    }

    /** The authorized entity's authValue supplied with the authorization, or {@code null} (not a copy). */
    public byte[] entityAuth() {
        return entityAuth;
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

package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * What a session needs to check its part of a successful response: the command code, the parameter area, whether it
 * sat in an authorization slot, the entity's authValue supplied with the authorization, and — after a change of
 * auth such as HierarchyChangeAuth or NV_ChangeAuth — the entity's new authValue, which the TPM uses for the response.
 */
public final class ResponseAuthContext {
    private final int commandCode;
    private final byte[] parameters;
    private final boolean authorizes;
    private final byte[] entityAuth;
    private final byte[] newEntityAuth;

    /** The context of one response, before it is specialised per session with {@link #forSession}. */
    public ResponseAuthContext(int commandCode, byte[] parameters) {
        this(commandCode, parameters, true, null, null);
    }

    private ResponseAuthContext(int commandCode, byte[] parameters, boolean authorizes, byte[] entityAuth,
                                byte[] newEntityAuth) {
        this.commandCode = commandCode;
        this.parameters = parameters;
        this.authorizes = authorizes;
        this.entityAuth = entityAuth;
        this.newEntityAuth = newEntityAuth;
    }

    /** The same response seen by one session. */
    public ResponseAuthContext forSession(boolean authorizesHandle) {
        return new ResponseAuthContext(commandCode, parameters, authorizesHandle, null, null);
    }

    /**
     * The same response seen by one session, with the entity authValue the command was authorized with
     * ({@code null}: the session's own) and the one the command set ({@code null}: unchanged).
     */
    public ResponseAuthContext forSession(boolean authorizesHandle, byte[] entityAuth, byte[] newEntityAuth) {
        return new ResponseAuthContext(commandCode, parameters, authorizesHandle, entityAuth, newEntityAuth);
    }

    /** Whether the session sat in an authorization slot. */
    public boolean authorizes() {
        return authorizes;
    }

    /** TPM_CC of the command. */
    public int commandCode() {
        return commandCode;
    }

    /** The response parameter area as received (not a copy). */
    public byte[] parameters() {
        return parameters;
    }

    /** The authValue supplied with the authorization, or {@code null} (not a copy). */
    public byte[] entityAuth() {
        return entityAuth;
    }

    /** The authValue the command gave the authorized entity, or {@code null} when it did not change it. */
    public byte[] newEntityAuth() {
        return newEntityAuth;
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

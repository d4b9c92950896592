package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtSymDef;

/**
 * A policy session from TPM2_StartAuthSession; when salted with a TPM key or bound to an entity it has a session key,
 * so it carries an HMAC and can encrypt parameters. Binding only feeds the bind entity's authValue into that key: unlike
 * an HMAC session, a bound policy session still includes the authorized entity's authValue in its HMAC after
 * TPM2_PolicyAuthValue, even when that entity is the bind entity (Part 1, policy session HMAC). In an authorization
 * slot the authorized entity's authValue — given with the authorization, never held by the session — keys its
 * parameter encryption, joins its HMAC after TPM2_PolicyAuthValue, and is sent in clear after TPM2_PolicyPassword;
 * when the session needs it and it was not given, the command is refused before anything is sent. Each authorization
 * uses up the policy: the TPM resets the policy digest and those flags after every command the session takes part in
 * (a session started with a policy to carry has it re-run before each use). {@link #close()} flushes it.
 */
public final class PolicySession extends KeyedSession {
    private boolean authValueNeeded;
    private boolean passwordNeeded;

    /** An unsalted policy session (empty session key, no parameter encryption). */
    public PolicySession(int handle, int hashAlg, Bytes nonceTpm, AutoCloseable flusher) {
        super(handle, hashAlg, new byte[0], TpmtSymDef.NULL, 0, nonceTpm, flusher);
    }

    /**
     * A policy session with a session key (from a salt and/or a bind entity), symmetric algorithm and TPMA_SESSION decrypt/encrypt
     * {@code flags}.
     */
    public PolicySession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                         AutoCloseable flusher) {
        super(handle, hashAlg, sessionKey, symmetric, flags, nonceTpm, flusher);
    }

    /** Records that TPM2_PolicyAuthValue succeeded on this session (the Tpm facade calls it). */
    public synchronized void policyAuthValueAsserted() {
        authValueNeeded = true;
        passwordNeeded = false;
    }

    /** Records that TPM2_PolicyPassword succeeded on this session (the Tpm facade calls it). */
    public synchronized void policyPasswordAsserted() {
        passwordNeeded = true;
        authValueNeeded = false;
    }

    /** Records that TPM2_PolicyRestart succeeded: the policy is back to its start. */
    public synchronized void policyRestarted() {
        authValueNeeded = false;
        passwordNeeded = false;
    }

    /** Whether the next authorization carries the entity's authValue (in the HMAC or in clear). */
    public synchronized boolean needsAuthValue() {
        return authValueNeeded || passwordNeeded;
    }

    @Override
    synchronized boolean includeAuthInHmac(CommandAuthContext context, byte[] auth) {
        return context.authorizes() && authValueNeeded;
    }

    @Override
    synchronized boolean sendsPassword(boolean authorizes) {
        return authorizes && passwordNeeded;
    }

    @Override
    synchronized boolean emptyResponseHmac() {
        return passwordNeeded;
    }

    @Override
    synchronized void afterResponse() {
        policyRestarted();
    }

    @Override
    synchronized boolean needsEntityAuth() {
        return authValueNeeded || passwordNeeded || decryptsCommand() || encryptsResponse();
    }

    @Override
    synchronized String missingAuthValue(CommandAuthContext context) {
        String why = passwordNeeded ? "sends it in clear after PolicyPassword"
                : authValueNeeded ? "proves it by HMAC after PolicyAuthValue"
                : "keys parameter encryption in an authorization slot with it";
        return String.format("policy session 0x%08x %s, and the entity's authValue was not given: pass it with "
                + "Authorization.of(handle, session, authValue), or leave encryption to a separate HMAC session "
                + "(tpm.execute(command, authorizations, encryptionSession))", handle(), why);
    }

    @Override
    public String toString() {
        return String.format("PolicySession[0x%08x%s]", handle(), isKeyed() ? ", keyed" : "");
    }
}

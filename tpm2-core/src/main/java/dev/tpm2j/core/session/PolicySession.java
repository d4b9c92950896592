package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtSymDef;

/**
 * A policy session from TPM2_StartAuthSession, unbound; salted when started with a TPM key, in which case it
 * carries an HMAC and can encrypt parameters. The authValue of the authorized entity is not used (no
 * PolicyAuthValue support yet). {@link #close()} flushes it.
 */
public final class PolicySession extends KeyedSession {
    /** An unsalted policy session (empty session key, no parameter encryption). */
    public PolicySession(int handle, int hashAlg, Bytes nonceTpm, AutoCloseable flusher) {
        super(handle, hashAlg, new byte[0], TpmtSymDef.NULL, 0, nonceTpm, flusher);
    }

    /**
     * A policy session with a session key (from a salt), symmetric algorithm and TPMA_SESSION decrypt/encrypt
     * {@code flags}.
     */
    public PolicySession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                         AutoCloseable flusher) {
        super(handle, hashAlg, sessionKey, symmetric, flags, nonceTpm, flusher);
    }

    @Override
    boolean includeAuthValue(boolean authorizes) {
        return false;
    }

    @Override
    public String toString() {
        return String.format("PolicySession[0x%08x%s]", handle(), isKeyed() ? ", salted" : "");
    }
}

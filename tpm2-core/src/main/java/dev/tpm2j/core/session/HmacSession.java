package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtSymDef;
import java.util.Arrays;

/**
 * An HMAC session from TPM2_StartAuthSession, unbound, usually salted: it authorizes an entity by proving
 * knowledge of its authValue without sending it, and (with decrypt/encrypt flags) keeps the first parameter of
 * commands and responses off the bus in clear. Used only for encryption when it is not in an authorization slot.
 * When a command it authorizes changes the entity's authValue (HierarchyChangeAuth, NV_ChangeAuth) the session
 * follows: the response is checked with the new value, and later commands use it.
 */
public final class HmacSession extends KeyedSession {
    private byte[] authValue;

    /** A session over an already started TPM session; {@code authValue} is the authorized entity's (copied). */
    public HmacSession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                       byte[] authValue, AutoCloseable flusher) {
        super(handle, hashAlg, sessionKey, symmetric, flags, nonceTpm, flusher);
        this.authValue = authValue.clone();
    }

    @Override
    boolean includeAuthInHmac(boolean authorizes) {
        return authorizes;
    }

    @Override
    synchronized byte[] ownAuthValue() {
        return authValue.clone();
    }

    @Override
    synchronized void entityAuthChanged(byte[] newAuth) {
        Arrays.fill(authValue, (byte) 0);
        authValue = newAuth.clone();
    }

    @Override
    public synchronized void close() {
        Arrays.fill(authValue, (byte) 0);
        super.close();
    }

    @Override
    public String toString() {
        return String.format("HmacSession[0x%08x%s]", handle(), isKeyed() ? ", salted" : "");
    }
}

package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtSymDef;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An HMAC session from TPM2_StartAuthSession, usually salted: it authorizes an entity by proving knowledge of its
 * authValue without sending it, and (with decrypt/encrypt flags) keeps the first parameter of commands and responses
 * off the bus in clear. Used only for encryption when it is not in an authorization slot. The session holds no
 * entity's authValue: every authorization gives it ({@code Authorization.of(handle, session, authValue)}), so a
 * change of one entity's auth never affects the session's use for another.
 */
public final class HmacSession extends KeyedSession {
    private final Bytes boundName;
    private final byte[] boundAuth;

    /** An unbound session over an already started TPM session. */
    public HmacSession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                       AutoCloseable flusher) {
        this(handle, hashAlg, sessionKey, symmetric, flags, nonceTpm, null, new byte[0], flusher);
    }

    /**
     * A session bound to the entity named {@code boundName} whose authValue was {@code boundAuth} at StartAuthSession
     * ({@code sessionKey} already includes it). While it authorizes that same entity with that same authValue, the
     * authValue stays out of the HMAC key (Part 1 §19.6.9); for any other entity it joins as usual.
     */
    public HmacSession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                       Bytes boundName, byte[] boundAuth, AutoCloseable flusher) {
        super(handle, hashAlg, sessionKey, symmetric, flags, nonceTpm, flusher);
        this.boundName = boundName;
        this.boundAuth = stripTrailingZeros(boundAuth);
    }

    /** Whether the session is bound to an entity. */
    public boolean isBound() {
        return boundName != null;
    }

    @Override
    boolean needsEntityAuth() {
        return true;
    }

    @Override
    String missingAuthValue(CommandAuthContext context) {
        return String.format("HMAC session 0x%08x proves the authValue of the entity it authorizes, and none was "
                + "given: pass it with Authorization.of(handle, session, authValue) (new byte[0] when it is empty)",
                handle());
    }

    @Override
    synchronized boolean includeAuthInHmac(CommandAuthContext context, byte[] auth) {
        if (!context.authorizes()) {
            return false;
        }
        if (boundName == null) {
            return true;
        }
        byte[] a = stripTrailingZeros(auth);
        boolean bindEntity = boundName.equals(context.entityName()) && MessageDigest.isEqual(a, boundAuth);
        Arrays.fill(a, (byte) 0);
        return !bindEntity;
    }

    private static byte[] stripTrailingZeros(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(b, n);
    }

    @Override
    public synchronized void close() {
        Arrays.fill(boundAuth, (byte) 0);
        super.close();
    }

    @Override
    public String toString() {
        return String.format("HmacSession[0x%08x%s]", handle(), isBound() ? ", bound" : isKeyed() ? ", salted" : "");
    }
}

package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import java.util.Arrays;

/**
 * A password authorization (TPM_RS_PW): the auth value is sent in clear in the hmac field. Holds a copy of the
 * password; {@link #close()} wipes it, and a closed session refuses to authorize. In an {@code Authorization} the
 * entity's authValue is given once: either as this session's password, or as the authorization's authValue with
 * {@link #empty()} — the authorization's authValue is the one sent.
 */
public final class PasswordSession implements AuthSession, AutoCloseable {
    private static final PasswordSession EMPTY = new PasswordSession(new byte[0]);
    private static final TpmaSession CONTINUE = new TpmaSession(TpmaSession.CONTINUE_SESSION);

    private final byte[] password;
    private volatile boolean closed;

    private PasswordSession(byte[] password) {
        this.password = password;
    }

    /** The empty password. */
    public static PasswordSession empty() {
        return EMPTY;
    }

    /** A session for {@code password} (copied; the caller may wipe its array). */
    public static PasswordSession of(byte[] password) {
        if (password.length > Limits.DIGEST) {
            throw new IllegalArgumentException("an auth value is at most " + Limits.DIGEST + " bytes");
        }
        return password.length == 0 ? EMPTY : new PasswordSession(password.clone());
    }

    /** A session for the UTF-8 bytes of {@code password}. */
    public static PasswordSession of(String password) {
        byte[] b = password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return of(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    @Override
    public int handle() {
        return TpmRh.PW;
    }

    /** Whether this session's password is {@code authValue} (compared in constant time). */
    public boolean hasPassword(byte[] authValue) {
        return java.security.MessageDigest.isEqual(password, authValue);
    }

    /** Whether the password is empty. */
    public boolean isEmpty() {
        return password.length == 0;
    }

    /**
     * Sends the authValue given with the authorization when there is one, else this session's password. Throws
     * {@link IllegalStateException} after {@link #close()} (the password is wiped).
     */
    @Override
    public TpmsAuthCommand authorizeCommand(CommandAuthContext context) {
        if (closed) {
            throw new IllegalStateException("this PasswordSession is closed: its password was wiped");
        }
        byte[] given = context.authorizes() ? context.entityAuth() : null;
        return new TpmsAuthCommand(TpmRh.PW, Bytes.EMPTY, CONTINUE, given != null ? given.clone() : password.clone());
    }

    @Override
    public void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response) {
        if (!response.nonce().isEmpty() || !response.hmac().isEmpty()) {
            throw new TpmSessionException("password session response must carry an empty nonce and hmac");
        }
        if (!response.attributes().has(TpmaSession.CONTINUE_SESSION)) {
            throw new TpmSessionException("password session response lost continueSession");
        }
    }

    /** Wipes the password; the session then refuses to authorize. Closing {@link #empty()} does nothing. */
    @Override
    public void close() {
        if (this == EMPTY) {
            return;
        }
        closed = true;
        Arrays.fill(password, (byte) 0);
    }

    /** Test hook: whether the held password is all zeros. */
    boolean passwordWiped() {
        for (byte b : password) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PasswordSession[" + (password.length == 0 ? "empty" : "set") + "]"; // never a secret's length
    }
}

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
 * password; {@link #close()} wipes it.
 */
public final class PasswordSession implements AuthSession, AutoCloseable {
    private static final PasswordSession EMPTY = new PasswordSession(new byte[0]);
    private static final TpmaSession CONTINUE = new TpmaSession(TpmaSession.CONTINUE_SESSION);

    private final byte[] password;

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

    @Override
    public TpmsAuthCommand authorizeCommand(CommandAuthContext context) {
        return new TpmsAuthCommand(TpmRh.PW, Bytes.EMPTY, CONTINUE, password.clone());
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

    @Override
    public void close() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "PasswordSession[" + (password.length == 0 ? "empty" : "(" + password.length + " bytes)") + "]";
    }
}

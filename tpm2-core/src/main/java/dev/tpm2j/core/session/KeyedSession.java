package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.Kdf;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmtSymDef;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * What HMAC and policy sessions share (Part 1 §19): rolling nonces, the session key (empty unless salted or bound),
 * command and response HMACs over cpHash/rpHash, and parameter encryption (AES-CFB keyed by KDFa(sessionKey ‖
 * authValue, "CFB", nonceNewer, nonceOlder), or XOR with KDFa(…, "XOR", …)). The authValue of the authorized entity
 * joins the encryption key whenever the session sits in an authorization slot, and the HMAC key when the session kind
 * says so (HMAC sessions always; policy sessions after PolicyAuthValue). Every response HMAC is verified.
 */
public abstract sealed class KeyedSession implements AuthSession, AutoCloseable permits PolicySession, HmacSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int handle;
    private final int hashAlg;
    private final byte[] sessionKey;
    private final TpmtSymDef symmetric;
    private final int flags;
    private final AutoCloseable flusher;
    private Bytes nonceTpm;
    private Bytes nonceCaller = Bytes.EMPTY;
    private int effectiveFlags;
    private boolean broken;
    private boolean endWithNext;
    private boolean ended;
    private boolean closed;
    /** The entity authValue the last verified response was keyed with (for decrypting its first parameter). */
    private byte[] responseAuth = new byte[0];
    private boolean responseAuthorizes;
    /** includeAuth as decided for the command in flight; the response HMAC uses the same decision. */
    private boolean includeAuth;
    /** cpHash of the command in flight (kept for the audit digest). */
    private byte[] cpHash = new byte[0];
    /** The session audit digest as the TPM keeps it (empty until the session first audits a command). */
    private byte[] auditDigest = new byte[0];

    KeyedSession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                 AutoCloseable flusher) {
        if ((flags & (TpmaSession.DECRYPT | TpmaSession.ENCRYPT)) != 0 && symmetric.isNull()) {
            throw new IllegalArgumentException("parameter encryption needs a symmetric algorithm");
        }
        if (!symmetric.isNull() && symmetric.algorithm() != TpmAlgId.XOR
                && (symmetric.algorithm() != TpmAlgId.AES || symmetric.mode() != TpmAlgId.CFB)) {
            throw new IllegalArgumentException("tpm2j encrypts parameters with AES-CFB or XOR, not " + symmetric);
        }
        this.handle = handle;
        this.hashAlg = hashAlg;
        this.sessionKey = sessionKey.clone();
        this.symmetric = symmetric;
        this.flags = flags;
        this.nonceTpm = nonceTpm;
        this.flusher = flusher;
    }

    @Override
    public int handle() {
        return handle;
    }

    /** The session's authHash. */
    public int hashAlg() {
        return hashAlg;
    }

    /** The parameter-encryption algorithm the session was started with (TPM_ALG_NULL: none). */
    public TpmtSymDef symmetric() {
        return symmetric;
    }

    /** The TPM's latest nonce. */
    public synchronized Bytes nonceTpm() {
        return nonceTpm;
    }

    /** Whether the session was started with a salt or bind entity (its session key is not empty). */
    public boolean isKeyed() {
        return sessionKey.length > 0;
    }

    /** Whether the TPM has ended this session (continueSession was clear on a command it answered). */
    public synchronized boolean isEnded() {
        return ended;
    }

    /** Whether the authValue {@code auth} of the entity the context names joins the HMAC key (includeAuth). */
    abstract boolean includeAuthInHmac(CommandAuthContext context, byte[] auth);

    /** Whether the hmac field carries the authValue in clear instead of an HMAC (a policy after PolicyPassword). */
    boolean sendsPassword(boolean authorizes) {
        return false;
    }

    /** Whether the TPM answers with an empty hmac whatever the keys (a policy after PolicyPassword). */
    boolean emptyResponseHmac() {
        return false;
    }

    /** Called after every response the session verified (a policy session's assertions are used up). */
    void afterResponse() {
    }

    /**
     * Whether this session, in an authorization slot for this command, needs the entity's authValue: to key its HMAC,
     * to send it as a password, or to key parameter encryption.
     */
    abstract boolean needsEntityAuth();

    /** What to tell a caller who did not give the entity's authValue when this session needs it. */
    abstract String missingAuthValue(CommandAuthContext context);

    /** The entity authValue this command uses (a copy): the one given with the authorization, or empty when unused. */
    private byte[] entityAuth(CommandAuthContext context) {
        if (!context.authorizes()) {
            return new byte[0];
        }
        byte[] supplied = context.entityAuth();
        if (supplied != null) {
            return supplied.clone();
        }
        if (needsEntityAuth()) {
            throw new IllegalArgumentException(missingAuthValue(context));
        }
        return new byte[0];
    }

    private byte[] keyWith(boolean withAuth, byte[] auth) {
        byte[] a = withAuth ? stripTrailingZeros(auth) : new byte[0];
        byte[] k = Arrays.copyOf(sessionKey, sessionKey.length + a.length);
        System.arraycopy(a, 0, k, sessionKey.length, a.length);
        Arrays.fill(a, (byte) 0);
        return k;
    }

    private static byte[] stripTrailingZeros(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(b, n);
    }

    @Override
    public synchronized void beginCommand(boolean commandEncryptable, boolean responseEncryptable) {
        byte[] n = new byte[TpmHash.digestSize(hashAlg)];
        RANDOM.nextBytes(n);
        nonceCaller = Bytes.of(n);
        effectiveFlags = flags;
        if (!commandEncryptable) {
            effectiveFlags &= ~TpmaSession.DECRYPT;
        }
        if (!responseEncryptable) {
            effectiveFlags &= ~TpmaSession.ENCRYPT;
        }
    }

    /** Whether this session audits the commands it takes part in (TPMA_SESSION audit). */
    @Override
    public boolean audits() {
        return (flags & TpmaSession.AUDIT) != 0;
    }

    /**
     * The session audit digest tpm2j computed alongside the TPM: H(digest ‖ cpHash ‖ rpHash) over every audited
     * command, starting from zeros — compare it with TPM2_GetSessionAuditDigest. Empty before the first audited
     * command.
     */
    public synchronized Bytes auditDigest() {
        return Bytes.of(auditDigest);
    }

    @Override
    public synchronized boolean needsNames(boolean authorizes) {
        return isKeyed() || audits() || (authorizes && needsEntityAuth());
    }

    @Override
    public synchronized boolean decryptsCommand() {
        return (effectiveFlags & TpmaSession.DECRYPT) != 0;
    }

    @Override
    public synchronized boolean encryptsResponse() {
        return (effectiveFlags & TpmaSession.ENCRYPT) != 0;
    }

    private TpmaSession attributes() {
        return new TpmaSession((endWithNext ? 0 : TpmaSession.CONTINUE_SESSION) | effectiveFlags);
    }

    /**
     * Ends the session with its next successful command (continueSession clear): the TPM flushes it itself,
     * saving the FlushContext round trip. If that command fails, {@link #close()} still flushes it.
     */
    public synchronized void endWithNextCommand() {
        endWithNext = true;
    }

    @Override
    public synchronized TpmsAuthCommand authorizeCommand(CommandAuthContext context) {
        if (broken) {
            throw new TpmSessionException(String.format("session 0x%08x failed a response check and is out of step "
                    + "with the TPM; flush it and start a new one", handle));
        }
        if (closed) {
            throw new IllegalStateException(String.format("session 0x%08x is closed", handle));
        }
        if (ended) {
            throw new TpmSessionException(String.format("session 0x%08x was ended by the TPM", handle));
        }
        if (nonceCaller.isEmpty()) {
            beginCommand(false, false);
        }
        byte[] auth = entityAuth(context);
        if (sendsPassword(context.authorizes())) {
            includeAuth = true;
            try {
                return new TpmsAuthCommand(handle, nonceCaller, attributes(), auth.clone());
            } finally {
                Arrays.fill(auth, (byte) 0);
            }
        }
        includeAuth = includeAuthInHmac(context, auth);
        byte[] key = keyWith(includeAuth, auth);
        Arrays.fill(auth, (byte) 0);
        cpHash = audits() || key.length > 0 ? context.cpHash(hashAlg) : new byte[0];
        try {
            byte[] hmac = key.length == 0 ? new byte[0] : TpmHash.hmac(hashAlg, key, cpHash,
                    nonceCaller.toByteArray(), nonceTpm.toByteArray(), context.extraNonces(),
                    new byte[] {(byte) attributes().value()});
            return new TpmsAuthCommand(handle, nonceCaller, attributes(), hmac);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public synchronized void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response) {
        Bytes newNonce = response.nonce();
        if (newNonce.size() < 16) {
            broken = true; // the TPM has moved on to a nonce we did not take: an HMAC over the old one would fail
            throw new TpmSessionException(String.format("session 0x%08x: response nonce of %d bytes; at least 16 "
                    + "expected", handle, newNonce.size()));
        }
        // The TPM answered success: if continueSession was clear it has flushed the session, whatever follows.
        ended = endWithNext;
        if (response.attributes().has(TpmaSession.CONTINUE_SESSION) == endWithNext) {
            broken = true;
            throw new TpmSessionException(String.format("session 0x%08x: the response's continueSession does not "
                    + "echo the command's", handle));
        }
        byte[] auth = !context.authorizes() ? new byte[0] : context.newEntityAuth() != null
                ? context.newEntityAuth().clone() : context.entityAuth() != null ? context.entityAuth().clone()
                : new byte[0];
        boolean password = emptyResponseHmac();
        byte[] key = keyWith(includeAuth && context.authorizes(), auth);
        try {
            if (password || (key.length == 0 && response.hmac().isEmpty())) {
                if (password && !response.hmac().isEmpty()) {
                    broken = true;
                    throw new TpmSessionException(String.format("session 0x%08x: a policy session with "
                            + "PolicyPassword must get an empty response hmac", handle));
                }
                accept(newNonce, auth, context);
                return;
            }
            byte[] expected = TpmHash.hmac(hashAlg, key, context.rpHash(hashAlg), newNonce.toByteArray(),
                    nonceCaller.toByteArray(), new byte[] {(byte) response.attributes().value()});
            if (!MessageDigest.isEqual(expected, response.hmac().toByteArray())) {
                broken = true;
                throw new TpmSessionException(String.format("session 0x%08x: the response HMAC does not verify — "
                        + "the response was altered in transit or did not come from this TPM", handle));
            }
            accept(newNonce, auth, context);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(auth, (byte) 0);
        }
    }

    private void accept(Bytes newNonce, byte[] auth, ResponseAuthContext context) {
        if (audits()) {
            if (auditDigest.length == 0) {
                auditDigest = new byte[TpmHash.digestSize(hashAlg)];
            }
            auditDigest = TpmHash.hash(hashAlg, auditDigest, cpHash, context.rpHash(hashAlg));
        }
        nonceTpm = newNonce;
        Arrays.fill(responseAuth, (byte) 0);
        responseAuth = auth.clone();
        responseAuthorizes = context.authorizes();
        afterResponse();
    }

    @Override
    public synchronized void encryptCommandParameter(byte[] buf, int off, int len, boolean authorizes) {
        encryptCommandParameter(buf, off, len, new CommandAuthContext(0, java.util.List::of, new byte[0])
                .forSession(authorizes));
    }

    @Override
    public synchronized void encryptCommandParameter(byte[] buf, int off, int len, CommandAuthContext context) {
        byte[] auth = entityAuth(context);
        byte[] key = keyWith(context.authorizes(), auth);
        Arrays.fill(auth, (byte) 0);
        crypt(Cipher.ENCRYPT_MODE, buf, off, len, key, nonceCaller, nonceTpm);
    }

    @Override
    public synchronized void decryptResponseParameter(byte[] buf, int off, int len, boolean authorizes) {
        byte[] key = keyWith(authorizes && responseAuthorizes, responseAuth);
        crypt(Cipher.DECRYPT_MODE, buf, off, len, key, nonceTpm, nonceCaller);
    }

    /** Encrypts or decrypts in place with {@code key} (wiped here) and the nonces in the given order. */
    private void crypt(int mode, byte[] buf, int off, int len, byte[] key, Bytes newer, Bytes older) {
        if (len == 0) {
            Arrays.fill(key, (byte) 0);
            return; // an empty parameter stays empty
        }
        if (symmetric.algorithm() == TpmAlgId.XOR) {
            byte[] mask = Kdf.kdfa(hashAlg, key, "XOR", newer.toByteArray(), older.toByteArray(), 8 * len);
            for (int i = 0; i < len; i++) {
                buf[off + i] ^= mask[i];
            }
            Arrays.fill(mask, (byte) 0);
            Arrays.fill(key, (byte) 0);
            return;
        }
        byte[] material = Kdf.kdfa(hashAlg, key, "CFB", newer.toByteArray(), older.toByteArray(),
                symmetric.keyBits() + 128);
        int keyBytes = symmetric.keyBits() / 8;
        byte[] aesKey = Arrays.copyOf(material, keyBytes);
        byte[] iv = Arrays.copyOfRange(material, keyBytes, keyBytes + 16);
        byte[] data = Arrays.copyOfRange(buf, off, off + len);
        byte[] out = CredentialProtection.aesCfb(mode, aesKey, iv, data);
        System.arraycopy(out, 0, buf, off, len);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(material, (byte) 0);
        Arrays.fill(aesKey, (byte) 0);
        Arrays.fill(data, (byte) 0);
        Arrays.fill(out, (byte) 0);
    }

    /**
     * Records that the session's handle was flushed with TPM2_FlushContext through the {@code Tpm} that started it (the
     * Tpm calls this): the session is ended, and {@link #close()} only wipes its key.
     */
    public synchronized void flushed() {
        ended = true;
    }

    /** Flushes the session (once, and not if the TPM already ended it or it was flushed) and wipes its key. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(sessionKey, (byte) 0);
        Arrays.fill(responseAuth, (byte) 0);
        if (ended) {
            return; // the TPM already flushed it (continueSession was clear on a successful command)
        }
        try {
            flusher.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("flushing the session failed", e);
        }
    }

    /** Test hook: whether the session key has been wiped. */
    boolean keyWiped() {
        for (byte b : sessionKey) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

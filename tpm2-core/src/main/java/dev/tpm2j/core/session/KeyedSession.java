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
 * command and response HMACs over cpHash/rpHash, and AES-CFB parameter encryption keyed by KDFa(sessionKey ‖
 * authValue, "CFB", nonceNewer, nonceOlder). Every response HMAC the TPM computes is verified.
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

    KeyedSession(int handle, int hashAlg, byte[] sessionKey, TpmtSymDef symmetric, int flags, Bytes nonceTpm,
                 AutoCloseable flusher) {
        if ((flags & (TpmaSession.DECRYPT | TpmaSession.ENCRYPT)) != 0 && symmetric.isNull()) {
            throw new IllegalArgumentException("parameter encryption needs a symmetric algorithm");
        }
        if (!symmetric.isNull() && (symmetric.algorithm() != TpmAlgId.AES || symmetric.mode() != TpmAlgId.CFB)) {
            throw new IllegalArgumentException("tpm2j encrypts parameters with AES-CFB only, not " + symmetric);
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

    /** The TPM's latest nonce. */
    public synchronized Bytes nonceTpm() {
        return nonceTpm;
    }

    /** Whether the session was started with a salt or bind entity (its session key is not empty). */
    public boolean isKeyed() {
        return sessionKey.length > 0;
    }

    /** Whether the authValue of the authorized entity joins the HMAC and encryption keys. */
    abstract boolean includeAuthValue(boolean authorizes);

    /** The entity's authValue (HMAC sessions used for authorization); trailing zeros are removed as the TPM does. */
    byte[] authValue() {
        return new byte[0];
    }

    private byte[] key(boolean authorizes) {
        byte[] auth = includeAuthValue(authorizes) ? stripTrailingZeros(authValue()) : new byte[0];
        byte[] k = Arrays.copyOf(sessionKey, sessionKey.length + auth.length);
        System.arraycopy(auth, 0, k, sessionKey.length, auth.length);
        Arrays.fill(auth, (byte) 0);
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
        if (nonceCaller.isEmpty()) {
            beginCommand(false, false);
        }
        byte[] key = key(context.authorizes());
        try {
            byte[] hmac = key.length == 0 ? new byte[0] : TpmHash.hmac(hashAlg, key, context.cpHash(hashAlg),
                    nonceCaller.toByteArray(), nonceTpm.toByteArray(), new byte[] {(byte) attributes().value()});
            return new TpmsAuthCommand(handle, nonceCaller, attributes(), hmac);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public synchronized void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response) {
        Bytes newNonce = response.nonce();
        if (newNonce.size() < 16) {
            throw new TpmSessionException(String.format("session 0x%08x: response nonce of %d bytes; at least 16 "
                    + "expected", handle, newNonce.size()));
        }
        if (response.attributes().has(TpmaSession.CONTINUE_SESSION) == endWithNext) {
            throw new TpmSessionException(String.format("session 0x%08x: the response's continueSession does not "
                    + "echo the command's", handle));
        }
        byte[] key = key(context.authorizes());
        try {
            if (key.length == 0 && response.hmac().isEmpty()) {
                nonceTpm = newNonce;
                ended = endWithNext;
                return;
            }
            byte[] expected = TpmHash.hmac(hashAlg, key, context.rpHash(hashAlg), newNonce.toByteArray(),
                    nonceCaller.toByteArray(), new byte[] {(byte) response.attributes().value()});
            if (!MessageDigest.isEqual(expected, response.hmac().toByteArray())) {
                broken = true;
                throw new TpmSessionException(String.format("session 0x%08x: the response HMAC does not verify — "
                        + "the response was altered in transit or did not come from this TPM", handle));
            }
            nonceTpm = newNonce;
            ended = endWithNext;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public synchronized void encryptCommandParameter(byte[] buf, int off, int len, boolean authorizes) {
        cfb(Cipher.ENCRYPT_MODE, buf, off, len, authorizes, nonceCaller, nonceTpm);
    }

    @Override
    public synchronized void decryptResponseParameter(byte[] buf, int off, int len, boolean authorizes) {
        cfb(Cipher.DECRYPT_MODE, buf, off, len, authorizes, nonceTpm, nonceCaller);
    }

    private void cfb(int mode, byte[] buf, int off, int len, boolean authorizes, Bytes newer, Bytes older) {
        byte[] key = key(authorizes);
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

    /** Flushes the session (once) and wipes its key. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(sessionKey, (byte) 0);
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

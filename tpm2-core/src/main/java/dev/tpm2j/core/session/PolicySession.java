package dev.tpm2j.core.session;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * An unsalted, unbound policy session started with TPM2_StartAuthSession. Its HMAC key is empty, so it sends an
 * empty HMAC; each response's nonce is tracked and a response HMAC, when the TPM sends one, is verified.
 * {@link #close()} flushes it from the TPM.
 */
public final class PolicySession implements AuthSession, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int handle;
    private final int hashAlg;
    private final AutoCloseable flusher;
    private Bytes nonceTpm;
    private Bytes nonceCaller = Bytes.EMPTY;
    private boolean closed;

    /**
     * @param handle   the session handle from StartAuthSession
     * @param hashAlg  the session's authHash
     * @param nonceTpm the TPM's first nonce
     * @param flusher  run once by {@link #close()} to flush the session
     */
    public PolicySession(int handle, int hashAlg, Bytes nonceTpm, AutoCloseable flusher) {
        this.handle = handle;
        this.hashAlg = hashAlg;
        this.nonceTpm = nonceTpm;
        this.flusher = flusher;
    }

    @Override
    public int handle() {
        return handle;
    }

    public int hashAlg() {
        return hashAlg;
    }

    /** The TPM's latest nonce (for PolicySecret/PolicySigned with an expiration). */
    public synchronized Bytes nonceTpm() {
        return nonceTpm;
    }

    @Override
    public synchronized TpmsAuthCommand authorizeCommand(CommandAuthContext context) {
        byte[] n = new byte[TpmHash.digestSize(hashAlg)];
        RANDOM.nextBytes(n);
        nonceCaller = Bytes.of(n);
        return new TpmsAuthCommand(handle, nonceCaller, new TpmaSession(TpmaSession.CONTINUE_SESSION), new byte[0]);
    }

    @Override
    public synchronized void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response) {
        Bytes newNonce = response.nonce();
        if (newNonce.size() < 16) {
            throw new TpmSessionException("policy session response nonce is " + newNonce.size()
                    + " bytes; at least 16 expected");
        }
        if (!response.attributes().has(TpmaSession.CONTINUE_SESSION)) {
            throw new TpmSessionException("policy session response lost continueSession");
        }
        if (!response.hmac().isEmpty()) {
            byte[] expected = TpmHash.hmac(hashAlg, new byte[0], context.rpHash(hashAlg), newNonce.toByteArray(),
                    nonceCaller.toByteArray(), new byte[] {(byte) response.attributes().value()});
            if (!MessageDigest.isEqual(expected, response.hmac().toByteArray())) {
                throw new TpmSessionException(String.format(
                        "policy session 0x%08x: response HMAC does not verify — the response was altered", handle));
            }
        }
        nonceTpm = newNonce;
    }

    /** Flushes the session (once; later calls do nothing). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flusher.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("flushing the policy session failed", e);
        }
    }

    @Override
    public String toString() {
        return String.format("PolicySession[0x%08x]", handle);
    }
}

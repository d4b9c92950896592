package dev.tpm2j.core;

import dev.tpm2j.core.commands.StartAuthSession;
import dev.tpm2j.core.crypto.Kdf;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.SeedEncryption;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The service that starts sessions: nonceCaller, salt encryption (RSA-OAEP with the key's OAEP scheme hash when it
 * has one, else its nameAlg; ECDH for ECC keys), the session key KDFa(authHash, salt, "ATH", nonceTPM, nonceCaller),
 * and the typed session object whose {@code close()} flushes it.
 */
final class SessionFactory {
    /** Created on first use: a Tpm that starts no session (most CLI runs) need not initialise the JCA providers. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private final CommandPipeline pipeline;

    SessionFactory(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Starts the session as one operation (the bind entity's name, read here, is used only here). */
    KeyedSession start(SessionOptions o) {
        return pipeline.operation(() -> startNow(o));
    }

    private KeyedSession startNow(SessionOptions o) {
        int hash = o.authHash();
        byte[] nonce = new byte[TpmHash.digestSize(hash)];
        Random.INSTANCE.nextBytes(nonce);
        SeedEncryption.Seed salt = o.salted() ? salt(o.saltPublic()) : new SeedEncryption.Seed(new byte[0],
                Bytes.EMPTY);
        byte[] sessionKey = new byte[0];
        int type = switch (o.kind()) {
            case HMAC -> StartAuthSession.SE_HMAC;
            case POLICY -> StartAuthSession.SE_POLICY;
            case TRIAL -> StartAuthSession.SE_TRIAL;
        };
        try {
            Bytes boundName = !o.bound() ? null
                    : o.bindName() != null ? o.bindName() : pipeline.names().nameOf(o.bind());
            StartAuthSession.Response resp = pipeline.execute(new StartAuthSession(o.saltKey(), o.bind(),
                    Bytes.of(nonce), salt.encryptedSecret(), type, o.symmetric(), hash));
            int handle = resp.sessionHandle();
            int expectedType = o.kind() == SessionOptions.Kind.HMAC ? TpmHt.HMAC_SESSION : TpmHt.POLICY_SESSION;
            if (TpmHt.of(handle) != expectedType) {
                flushQuietly(handle);
                throw new TpmFormatException("TPM2_StartAuthSession response", 10, String.format(
                        "asked for a %s session, got handle 0x%08x", o.kind(), handle));
            }
            if (o.salted() || o.bound()) {
                // sessionKey = KDFa(authHash, bindAuth (trailing zeros removed) ‖ salt, "ATH", nonceTPM, nonceCaller)
                byte[] bindAuth = stripTrailingZeros(o.bindAuth());
                byte[] keyIn = Arrays.copyOf(bindAuth, bindAuth.length + salt.seed().length);
                System.arraycopy(salt.seed(), 0, keyIn, bindAuth.length, salt.seed().length);
                // (a bound session has a session key even when bindAuth is empty and there is no salt)
                sessionKey = Kdf.kdfa(hash, keyIn, "ATH", resp.nonceTpm().toByteArray(), nonce,
                        8 * TpmHash.digestSize(hash));
                Arrays.fill(bindAuth, (byte) 0);
                Arrays.fill(keyIn, (byte) 0);
            }
            AutoCloseable flusher = () -> pipeline.execute(new dev.tpm2j.core.commands.FlushContext(handle));
            KeyedSession s = o.kind() == SessionOptions.Kind.HMAC
                    ? new HmacSession(handle, hash, sessionKey, o.symmetric(), o.flags(), resp.nonceTpm(), boundName,
                    o.bindAuth(), flusher)
                    : new PolicySession(handle, hash, sessionKey, o.symmetric(), o.flags(), resp.nonceTpm(), flusher);
            pipeline.names().register(s);
            return s;
        } finally {
            salt.wipe();
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    /**
     * A salt for {@code key}. RSA: the TPM decrypts with the key's OAEP scheme when it has one (its hash, not the
     * nameAlg), and the salt must be no longer than that hash's digest. ECC: ephemeral ECDH and KDFe with nameAlg.
     */
    static SeedEncryption.Seed salt(TpmtPublic key) {
        if (key.type() == TpmAlgId.RSA && key.parameters() instanceof TpmsRsaParms rsa
                && rsa.scheme().scheme() == TpmAlgId.OAEP && rsa.scheme().hashAlg() != key.nameAlg()) {
            int oaepHash = rsa.scheme().hashAlg();
            byte[] seed = new byte[TpmHash.digestSize(oaepHash)];
            Random.INSTANCE.nextBytes(seed);
            try {
                return new SeedEncryption.Seed(seed, Bytes.of(SeedEncryption.rsaOaep(PublicKeys.toJca(key), oaepHash,
                        "SECRET", seed)));
            } catch (GeneralSecurityException e) {
                Arrays.fill(seed, (byte) 0);
                throw new IllegalArgumentException("cannot encrypt a salt to this key: " + e.getMessage(), e);
            }
        }
        return SeedEncryption.create(key, "SECRET");
    }

    private static byte[] stripTrailingZeros(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(b, n);
    }

    private void flushQuietly(int handle) {
        try {
            pipeline.execute(new dev.tpm2j.core.commands.FlushContext(handle));
        } catch (RuntimeException e) {
            System.getLogger(Tpm.class.getName()).log(System.Logger.Level.DEBUG,
                    "flushing 0x" + Integer.toHexString(handle) + " failed", e);
        }
    }
}

package dev.tpm2j.core;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import java.util.Objects;

/**
 * How to start a session with {@link Tpm#startHmacSession(SessionOptions)} or
 * {@link Tpm#startPolicySession(SessionOptions)}: its kind, hash, salt key (a loaded TPM key and its public area, or
 * none), parameter-encryption algorithm, TPMA_SESSION decrypt/encrypt/audit flags and bind entity. The authValue of
 * the entity a session authorizes is not an option: it is given with each {@link Authorization}. Build with
 * {@link #hmac(int)}, {@link #policy(int)} or {@link #trial(int)} and the {@code with…} methods.
 *
 * @param kind       HMAC, policy or trial
 * @param authHash   the session's hash (TPM_ALG_SHA256…)
 * @param saltKey    handle of a loaded decryption key to salt to, or TPM_RH_NULL for an unsalted session
 * @param saltPublic the public area of {@code saltKey} (verified by the caller), or {@code null} when unsalted
 * @param symmetric  parameter-encryption algorithm (AES-128/256-CFB, XOR, or NULL)
 * @param flags      TPMA_SESSION.DECRYPT, ENCRYPT and/or AUDIT
 * @param bind       the entity to bind the session to (its authValue keys the session), or TPM_RH_NULL
 * @param bindName   the bind entity's name when the caller has it from this TPM ({@code null}: read it at start)
 * @param bindAuth   the bind entity's authValue (empty when unbound); copied
 */
public record SessionOptions(Kind kind, int authHash, int saltKey, TpmtPublic saltPublic, TpmtSymDef symmetric,
                             int flags, int bind, Bytes bindName, byte[] bindAuth) {
    /** TPM_SE: what the session is. */
    public enum Kind {
        /** TPM_SE_HMAC: proves an authValue. */
        HMAC,
        /** TPM_SE_POLICY: satisfies an authPolicy. */
        POLICY,
        /** TPM_SE_TRIAL: computes a policy digest without authorizing anything. */
        TRIAL
    }

    /** Checks the combination and copies the bind authValue. */
    public SessionOptions {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symmetric, "symmetric");
        bindAuth = bindAuth == null ? new byte[0] : bindAuth.clone();
        if (bind != TpmRh.NULL && kind == Kind.TRIAL) {
            throw new IllegalArgumentException("a trial session authorizes nothing: bind HMAC or policy sessions");
        }
        if (bind == TpmRh.NULL && (bindName != null || bindAuth.length > 0)) {
            throw new IllegalArgumentException("a bind name or authValue needs a bind entity");
        }
        if ((saltKey == TpmRh.NULL) != (saltPublic == null)) {
            throw new IllegalArgumentException("a salt key needs its public area, and a public area its handle");
        }
        if ((flags & ~(TpmaSession.DECRYPT | TpmaSession.ENCRYPT | TpmaSession.AUDIT)) != 0) {
            throw new IllegalArgumentException("flags are TPMA_SESSION.DECRYPT, ENCRYPT and AUDIT only");
        }
        if ((flags & (TpmaSession.DECRYPT | TpmaSession.ENCRYPT)) != 0 && symmetric.isNull()) {
            throw new IllegalArgumentException("parameter encryption needs a symmetric algorithm");
        }
    }

    /** An unsalted, unbound HMAC session with {@code authHash}, no parameter encryption. */
    public static SessionOptions hmac(int authHash) {
        return new SessionOptions(Kind.HMAC, authHash, TpmRh.NULL, null, TpmtSymDef.AES_128_CFB, 0, TpmRh.NULL, null,
                null);
    }

    /** An unsalted, unbound policy session with {@code authHash}, no parameter encryption. */
    public static SessionOptions policy(int authHash) {
        return new SessionOptions(Kind.POLICY, authHash, TpmRh.NULL, null, TpmtSymDef.AES_128_CFB, 0, TpmRh.NULL,
                null, null);
    }

    /** A trial policy session (computes digests, authorizes nothing). */
    public static SessionOptions trial(int authHash) {
        return new SessionOptions(Kind.TRIAL, authHash, TpmRh.NULL, null, TpmtSymDef.NULL, 0, TpmRh.NULL, null, null);
    }

    /**
     * Bound to {@code entity} (an NV index, object or hierarchy) whose authValue is {@code entityAuth}; its name is
     * read from the TPM when the session starts.
     */
    public SessionOptions withBind(int entity, byte[] entityAuth) {
        return new SessionOptions(kind, authHash, saltKey, saltPublic, symmetric, flags, entity, null, entityAuth);
    }

    /**
     * Bound to {@code entity} whose name the caller just read from this TPM ({@code Tpm.nvReadPublic(i).nvName()},
     * {@code Tpm.readPublic(h).name()}), saving that round trip at start.
     */
    public SessionOptions withBind(int entity, Bytes entityName, byte[] entityAuth) {
        return new SessionOptions(kind, authHash, saltKey, saltPublic, symmetric, flags, entity,
                Objects.requireNonNull(entityName, "entityName"), entityAuth);
    }

    /** The bind entity's authValue (a copy). */
    @Override
    public byte[] bindAuth() {
        return bindAuth.clone();
    }

    /** Whether the session is bound. */
    public boolean bound() {
        return bind != TpmRh.NULL;
    }

    /** Salted to the loaded key {@code handle} whose (verified) public area is {@code publicArea}. */
    public SessionOptions withSalt(int handle, TpmtPublic publicArea) {
        return new SessionOptions(kind, authHash, handle, Objects.requireNonNull(publicArea), symmetric, flags, bind,
                bindName, bindAuth);
    }

    /** Encrypting the first command parameter ({@code decrypt}) and/or response parameter ({@code encrypt}). */
    public SessionOptions withEncryption(TpmtSymDef algorithm, boolean decrypt, boolean encrypt) {
        int f = (flags & TpmaSession.AUDIT) | (decrypt ? TpmaSession.DECRYPT : 0) | (encrypt ? TpmaSession.ENCRYPT : 0);
        return new SessionOptions(kind, authHash, saltKey, saltPublic, algorithm, f, bind, bindName, bindAuth);
    }

    /** Auditing every command the session takes part in (TPMA_SESSION audit; see TPM2_GetSessionAuditDigest). */
    public SessionOptions withAudit() {
        return new SessionOptions(kind, authHash, saltKey, saltPublic, symmetric, flags | TpmaSession.AUDIT, bind,
                bindName, bindAuth);
    }

    /** Whether the session is salted. */
    public boolean salted() {
        return saltPublic != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionOptions s && s.kind == kind && s.authHash == authHash && s.saltKey == saltKey
                && Objects.equals(s.saltPublic, saltPublic) && s.symmetric.equals(symmetric) && s.flags == flags
                && s.bind == bind && Objects.equals(s.bindName, bindName)
                && java.security.MessageDigest.isEqual(s.bindAuth, bindAuth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, authHash, saltKey, symmetric, flags, bind);
    }

    @Override
    public String toString() {
        return "SessionOptions[" + kind + ", hash=0x" + Integer.toHexString(authHash) + (salted() ? ", salted to 0x"
                + Integer.toHexString(saltKey) : "") + (bound() ? ", bound to 0x" + Integer.toHexString(bind) : "")
                + ", " + symmetric + ", flags=0x" + Integer.toHexString(flags) + "]";
    }
}

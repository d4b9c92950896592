package dev.tpm2j.jca;

import java.security.UnrecoverableKeyException;

/**
 * A TPM key that cannot be used, and why: the password (authValue) is wrong, the key belongs to another TPM (its
 * parent is not this TPM's SRK), or its wrapped blob does not pass the TPM's integrity check. Names the key store
 * alias when the key came from one. Never replaced by a different key.
 */
public final class UnrecoverableTpmKeyException extends UnrecoverableKeyException {
    private static final long serialVersionUID = 1L;

    /** Why the key cannot be used. */
    public enum Reason {
        /** The password does not match the key's authValue (the TPM counted one authorization failure). */
        WRONG_PASSWORD,
        /** The key was wrapped by another TPM's (or another SRK's) storage key. */
        OTHER_TPM,
        /** The TPM refused the wrapped blob or public area (TPM_RC_INTEGRITY and similar). */
        CORRUPT
    }

    private final String alias;
    private final Reason reason;

    /** An exception for {@code alias} (may be null) with {@code reason}, {@code message} and {@code cause}. */
    public UnrecoverableTpmKeyException(String alias, Reason reason, String message, Throwable cause) {
        super(message);
        this.alias = alias;
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The key store alias, or {@code null} when the key did not come from a key store. */
    public String alias() {
        return alias;
    }

    /** Why the key cannot be used. */
    public Reason reason() {
        return reason;
    }
}

package dev.tpm2j.core;

import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmRh;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who authorizes an operation: an authorization handle (a hierarchy, an NV index, an object), the session that
 * proves it, and the entity's authValue — the one place it is given. The authValue keys HMAC sessions' HMACs, policy
 * sessions' HMACs after PolicyAuthValue, every session's parameter encryption in an authorization slot, and is the
 * password a {@link PasswordSession} sends. {@code null} means "not given", which differs from empty
 * ({@code new byte[0]}): a session that needs the authValue and was not given it refuses the command before anything
 * is sent, saying what to pass. A {@link PasswordSession}'s own password counts as given; a non-empty password and a
 * different authValue together are refused. {@link #nvIndex()} means "the NV index being accessed, with an empty
 * password".
 */
public record Authorization(int handle, AuthSession session, byte[] authValue) {
    /** Placeholder handle: the NV index the operation targets. */
    public static final int THE_INDEX = 0;

    /** Validates the session and copies the authValue. */
    public Authorization {
        Objects.requireNonNull(session, "session");
        if (authValue != null && session instanceof PasswordSession p && !p.isEmpty() && !p.hasPassword(authValue)) {
            throw new IllegalArgumentException("two different authValues (a PasswordSession's password and the "
                    + "authorization's): give it once, as the authValue with PasswordSession.empty(), or as the password");
        }
        authValue = authValue == null ? null : authValue.clone();
    }

    /**
     * An authorization without the entity's authValue: for a {@link PasswordSession} (its password is the authValue)
     * and for policy sessions whose policy proves something else (PolicySecret, PolicyOR, PolicyAuthorize…) and that do
     * not encrypt parameters in this slot.
     */
    public Authorization(int handle, AuthSession session) {
        this(handle, session, null);
    }

    /** The entity's authValue as given (a copy), or {@code null} when not given. */
    @Override
    public byte[] authValue() {
        return authValue == null ? null : authValue.clone();
    }

    /** The NV index itself, empty password (AUTHREAD / AUTHWRITE). */
    public static Authorization nvIndex() {
        return new Authorization(THE_INDEX, PasswordSession.empty());
    }

    /**
     * The NV index itself, proven by {@code session} without its authValue: a password session (its password is the
     * authValue) or a policy session whose policy needs no authValue.
     */
    public static Authorization nvIndex(AuthSession session) {
        return new Authorization(THE_INDEX, session);
    }

    /** The NV index itself, proven by {@code session} (HMAC or policy) for an index whose authValue is {@code auth}. */
    public static Authorization nvIndex(AuthSession session, byte[] auth) {
        return new Authorization(THE_INDEX, session, auth);
    }

    /** TPM_RH_OWNER with an empty password. */
    public static Authorization owner() {
        return new Authorization(TpmRh.OWNER, PasswordSession.empty());
    }

    /** TPM_RH_OWNER with {@code password}. */
    public static Authorization owner(PasswordSession password) {
        return new Authorization(TpmRh.OWNER, password);
    }

    /** TPM_RH_PLATFORM with an empty password (firmware normally randomizes it; simulators leave it empty). */
    public static Authorization platform() {
        return new Authorization(TpmRh.PLATFORM, PasswordSession.empty());
    }

    /** TPM_RH_ENDORSEMENT with an empty password. */
    public static Authorization endorsement() {
        return new Authorization(TpmRh.ENDORSEMENT, PasswordSession.empty());
    }

    /** TPM_RH_ENDORSEMENT with {@code password}. */
    public static Authorization endorsement(PasswordSession password) {
        return new Authorization(TpmRh.ENDORSEMENT, password);
    }

    /** {@code handle} proven by {@code session}, the authValue not given (see {@link #Authorization(int, AuthSession)}). */
    public static Authorization of(int handle, AuthSession session) {
        return new Authorization(handle, session);
    }

    /** {@code handle} proven by {@code session}, for an entity whose authValue is {@code authValue}. */
    public static Authorization of(int handle, AuthSession session, byte[] authValue) {
        return new Authorization(handle, session, authValue);
    }

    /** The handle to send when the operation targets {@code nvIndex}. */
    int resolve(int nvIndex) {
        return handle == THE_INDEX ? nvIndex : handle;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authorization a && a.handle == handle && a.session.equals(session)
                && Arrays.equals(a.authValue, authValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(handle, session) * 31 + Arrays.hashCode(authValue);
    }

    @Override
    public String toString() {
        return String.format("Authorization[handle=0x%08x, session=%s, authValue %s]", handle, session,
                authValue == null ? "not given" : "given"); // never a secret's length
    }
}

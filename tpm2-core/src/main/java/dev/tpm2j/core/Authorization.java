package dev.tpm2j.core;

import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmRh;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who authorizes an operation: an authorization handle (a hierarchy, an NV index, an object), the session that
 * proves it, and optionally the entity's authValue. The authValue keys HMAC sessions' HMACs and every session's
 * parameter encryption in an authorization slot; {@code null} means "the session already knows it" (a
 * {@link PasswordSession}, an {@code HmacSession} started with it, a {@code PolicySession} given it).
 * {@link #nvIndex()} means "the NV index being accessed, with an empty password".
 */
public record Authorization(int handle, AuthSession session, byte[] authValue) {
    /** Placeholder handle: the NV index the operation targets. */
    public static final int THE_INDEX = 0;

    /** Validates the session and copies the authValue. */
    public Authorization {
        Objects.requireNonNull(session, "session");
        authValue = authValue == null ? null : authValue.clone();
    }

    /** An authorization whose session knows the entity's authValue (or needs none). */
    public Authorization(int handle, AuthSession session) {
        this(handle, session, null);
    }

    /** The entity's authValue as supplied (a copy), or {@code null}. */
    @Override
    public byte[] authValue() {
        return authValue == null ? null : authValue.clone();
    }

    /** The NV index itself, empty password (AUTHREAD / AUTHWRITE). */
    public static Authorization nvIndex() {
        return new Authorization(THE_INDEX, PasswordSession.empty());
    }

    /** The NV index itself with its password. */
    public static Authorization nvIndex(PasswordSession password) {
        return new Authorization(THE_INDEX, password);
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

    /** {@code handle} proven by {@code session}. */
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
        return String.format("Authorization[handle=0x%08x, session=%s%s]", handle, session,
                authValue == null ? "" : ", authValue=(" + authValue.length + " bytes)");
    }
}

package dev.tpm2j.core;

import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmRh;
import java.util.Objects;

/**
 * Who authorizes an operation: an authorization handle (a hierarchy, an NV index, an object) and the session that
 * proves it. {@link #nvIndex()} means "the NV index being accessed, with an empty password".
 */
public record Authorization(int handle, AuthSession session) {
    /** Placeholder handle: the NV index the operation targets. */
    public static final int THE_INDEX = 0;

    /** Checks that a session is given. */
    public Authorization {
        Objects.requireNonNull(session, "session");
    }

    /** The NV index itself, empty password (AUTHREAD / AUTHWRITE). */
    public static Authorization nvIndex() {
        return new Authorization(THE_INDEX, PasswordSession.empty());
    }

    /** The NV index itself with its password. */
    public static Authorization nvIndex(PasswordSession password) {
        return new Authorization(THE_INDEX, password);
    }

    /** TPM_RH_OWNER with an empty password. */
    public static Authorization owner() {
        return new Authorization(TpmRh.OWNER, PasswordSession.empty());
    }

    /** The owner hierarchy with a password. */
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

    /** The endorsement hierarchy with a password. */
    public static Authorization endorsement(PasswordSession password) {
        return new Authorization(TpmRh.ENDORSEMENT, password);
    }

    /** Any handle authorized by any session. */
    public static Authorization of(int handle, AuthSession session) {
        return new Authorization(handle, session);
    }

    /** The handle to send when the operation targets {@code nvIndex}. */
    int resolve(int nvIndex) {
        return handle == THE_INDEX ? nvIndex : handle;
    }
}

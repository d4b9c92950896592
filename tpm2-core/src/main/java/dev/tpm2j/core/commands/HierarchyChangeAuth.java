package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_HierarchyChangeAuth (Part 3 §24.8): set the authValue of TPM_RH_OWNER, ENDORSEMENT, LOCKOUT or PLATFORM.
 * {@code newAuth} is a secret the caller wipes; send it under a decrypting session when the bus is not trusted.
 */
public record HierarchyChangeAuth(int authHandle, byte[] newAuth) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.HierarchyChangeAuth)
            .withHandles(1, 1)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(newAuth);
    }

    @Override
    public String toString() {
        return String.format("HierarchyChangeAuth[authHandle=0x%08x, newAuth=(%d bytes)]", authHandle, newAuth.length);
    }

    @Override
    public byte[] newAuthValue(int authIndex) {
        return authIndex == 0 ? newAuth : null;
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }
}

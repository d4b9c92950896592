package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_NV_ChangeAuth (Part 3 §31.14): set the authValue of an NV index (authorized by a policy session in the ADMIN
 * role). The index's name does not change; the response HMAC is keyed with {@code newAuth}.
 */
public record NvChangeAuth(int nvIndex, byte[] newAuth) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_ChangeAuth)
            .withHandles(1, 1)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(newAuth);
    }

    @Override
    public byte[] newAuthValue(int authIndex) {
        return authIndex == 0 ? newAuth : null;
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }

    @Override
    public String toString() {
        return String.format("NvChangeAuth[nvIndex=0x%08x, newAuth=(%d bytes)]", nvIndex, newAuth.length);
    }
}

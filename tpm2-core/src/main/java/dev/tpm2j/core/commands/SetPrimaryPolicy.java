package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_SetPrimaryPolicy (Part 3 §24.6): set the authPolicy of a hierarchy (owner, endorsement, platform, lockout);
 * an empty digest with TPM_ALG_NULL removes it.
 */
public record SetPrimaryPolicy(int authHandle, Bytes authPolicy, int hashAlg) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.SetPrimaryPolicy)
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
        w.tpm2b(authPolicy);
        w.u16(hashAlg);
    }
}

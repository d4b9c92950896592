package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyCommandCode (Part 3 §23.11): the policy authorizes only the command {@code code}. */
public record PolicyCommandCode(int policySession, int code) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyCommandCode).withHandles(1, 0);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u32(code);
    }
}

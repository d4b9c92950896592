package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyRestart (Part 3 §23.2): reset a policy session to its starting state (digest zero, no assertions). */
public record PolicyRestart(int policySession) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyRestart).withHandles(1, 0);

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
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.policyRestart(policySession);
    }
}

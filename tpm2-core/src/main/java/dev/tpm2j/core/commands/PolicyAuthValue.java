package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_PolicyAuthValue (Part 3 §23.17): the authorization must also prove the entity's authValue, in the session
 * HMAC.
 */
public record PolicyAuthValue(int policySession) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyAuthValue).withHandles(1, 0);

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
        effects.policyAuthValue(policySession);
    }
}

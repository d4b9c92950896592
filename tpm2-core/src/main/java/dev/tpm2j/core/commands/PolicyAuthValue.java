package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyAuthValue (Part 3 §23.17): the authorization must also prove the entity's authValue, in the session HMAC. */
public record PolicyAuthValue(int policySession) implements TpmCommand<NoResponse> {
    @Override
    public int commandCode() {
        return TpmCc.PolicyAuthValue;
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
    }

    @Override
    public int authHandleCount() {
        return 0;
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public NoResponse parseResponse(int[] h, TpmReader r) {
        return NoResponse.INSTANCE;
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.policyAuthValue(policySession);
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlDigest;

/** TPM2_PolicyOR (Part 3 §23.6): if the session's digest is one of the branches, replace it by their OR. */
public record PolicyOr(int policySession, TpmlDigest pHashList) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyOR)
            .withHandles(1, 0);

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
        pHashList.marshal(w);
    }
}

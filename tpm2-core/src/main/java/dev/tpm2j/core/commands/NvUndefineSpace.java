package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_NV_UndefineSpace (Part 3 §31.4): remove an NV index (owner or platform authorization). */
public record NvUndefineSpace(int authHandle, int nvIndex) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_UndefineSpace)
            .withHandles(2, 1);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle, nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.nvChanged(nvIndex);
    }
}

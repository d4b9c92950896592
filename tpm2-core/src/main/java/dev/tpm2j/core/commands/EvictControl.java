package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_EvictControl (Part 3 §28.5): make a transient object persistent at {@code persistentHandle}, or (given a
 * persistent handle as {@code objectHandle}) remove it. Owner or platform authorization.
 */
public record EvictControl(int auth, int objectHandle, int persistentHandle) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.EvictControl)
            .withHandles(2, 1);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {auth, objectHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u32(persistentHandle);
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.handleGone(objectHandle);
        effects.handleGone(persistentHandle);
    }
}

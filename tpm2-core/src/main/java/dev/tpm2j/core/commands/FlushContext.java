package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_FlushContext (Part 3 §28.4): unload a transient object or end a session. The handle is a parameter. */
public record FlushContext(int flushHandle) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.FlushContext);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u32(flushHandle);
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.handleGone(flushHandle);
    }
}

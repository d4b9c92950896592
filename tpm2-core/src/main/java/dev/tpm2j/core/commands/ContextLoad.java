package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmsContext;

/**
 * TPM2_ContextLoad (Part 3 §28.3): load a saved context; returns the handle it is loaded at (a session comes back at
 * its own handle, an object at a new transient handle).
 */
public record ContextLoad(TpmsContext context) implements TpmCommand<Integer> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ContextLoad).withResponseHandle();

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
        context.marshal(w);
    }

    @Override
    public Integer parseResponse(int[] h, TpmReader r) {
        return h[0];
    }

    @Override
    public void applyEffects(Integer loadedHandle, CommandEffects effects) {
        if (TpmHt.of(loadedHandle) == TpmHt.TRANSIENT) {
            effects.handleGone(loadedHandle); // a name cached for this handle is stale; it is learned afresh
        }
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmsContext;

/**
 * TPM2_ContextSave (Part 3 §28.2): save a loaded object or a session. A saved session keeps its handle and state
 * (load it back to use it); a saved transient object stays loaded until flushed.
 */
public record ContextSave(int saveHandle) implements TpmCommand<TpmsContext> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ContextSave).withHandles(1, 0);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {saveHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public TpmsContext parseResponse(int[] h, TpmReader r) {
        return TpmsContext.read(r);
    }
}

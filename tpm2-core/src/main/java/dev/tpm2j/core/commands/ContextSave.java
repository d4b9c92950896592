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
    @Override
    public int commandCode() {
        return TpmCc.ContextSave;
    }

    @Override
    public int[] handles() {
        return new int[] {saveHandle};
    }

    @Override
    public int authHandleCount() {
        return 0;
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public TpmsContext parseResponse(int[] h, TpmReader r) {
        return TpmsContext.read(r);
    }
}

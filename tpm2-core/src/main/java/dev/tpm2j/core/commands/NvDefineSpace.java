package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmsNvPublic;

/**
 * TPM2_NV_DefineSpace (Part 3 §31.3): define an NV index under TPM_RH_OWNER or TPM_RH_PLATFORM (the latter sets
 * PLATFORMCREATE). {@code auth} is the new index's auth value (a secret the caller wipes).
 */
public record NvDefineSpace(int authHandle, byte[] auth, TpmsNvPublic publicInfo) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_DefineSpace)
            .withHandles(1, 1)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(auth);
        publicInfo.marshalSized(w);
    }

    @Override
    public String explain(ResponseCode rc) {
        return rc.base() == TpmRc.NV_DEFINED
                ? String.format("NV index 0x%08x already exists", publicInfo.nvIndex()) : null;
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.nvChanged(publicInfo.nvIndex());
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }
}

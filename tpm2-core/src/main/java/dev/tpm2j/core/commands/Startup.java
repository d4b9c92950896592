package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;

/** TPM2_Startup (Part 3 §9.3): start the TPM after _TPM_Init, with TPM_SU_CLEAR (0) or TPM_SU_STATE (1). */
public record Startup(int startupType) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Startup);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public static final int SU_CLEAR = 0;
    public static final int SU_STATE = 1;

    @Override
    public int[] handles() {
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u16(startupType);
    }

    @Override
    public String explain(ResponseCode rc) {
        return rc.base() == TpmRc.INITIALIZE ? "the TPM is already started" : null;
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.tpmStarted();
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;

/** TPM2_NV_Write (Part 3 §31.7): write {@code data} at {@code offset}, at most TPM_PT_NV_BUFFER_MAX per call. */
public record NvWrite(int authHandle, int nvIndex, byte[] data, int offset) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_Write)
            .withHandles(2, 1)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public NvWrite {
        if (data.length > Limits.NV_BUFFER) {
            throw new IllegalArgumentException("NV write chunk larger than " + Limits.NV_BUFFER + " bytes");
        }
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle, nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(data);
        w.u16(offset);
    }

    @Override
    public String explain(ResponseCode rc) {
        return switch (rc.base()) {
            case TpmRc.SIZE -> "the write is larger than the TPM's NV buffer";
            case TpmRc.NV_RANGE -> "offset + size is past the end of the index";
            case TpmRc.NV_LOCKED -> String.format("NV index 0x%08x is write-locked", nvIndex);
            case TpmRc.NV_AUTHORIZATION -> "this index may not be written with this authorization handle";
            default -> null;
        };
    }

    @Override
    public void applyEffects(NoResponse response, CommandEffects effects) {
        effects.nvWritten(nvIndex);
    }

    @Override
    public boolean carriesData() {
        return true;
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;

/**
 * TPM2_NV_Read (Part 3 §31.13): {@code size} bytes at {@code offset}, at most TPM_PT_NV_BUFFER_MAX per call.
 * {@code authHandle} is the index itself (AUTHREAD), TPM_RH_OWNER (OWNERREAD) or TPM_RH_PLATFORM (PPREAD).
 */
public record NvRead(int authHandle, int nvIndex, int size, int offset) implements TpmCommand<NvRead.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_Read)
            .withHandles(2, 1)
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** data: TPM2B_MAX_NV_BUFFER (not a secret in general, but owned by the caller). */
    public record Response(byte[] data) {
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle, nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u16(size);
        w.u16(offset);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        int at = r.offset();
        byte[] data = r.tpm2bRaw("TPM2B_MAX_NV_BUFFER", Limits.NV_BUFFER);
        if (data.length != size) {
            throw r.errorAt(at, "TPM2B_MAX_NV_BUFFER", "returned " + data.length + " bytes for a read of " + size);
        }
        return new Response(data);
    }

    @Override
    public String explain(ResponseCode rc) {
        return switch (rc.base()) {
            case TpmRc.SIZE -> "the read is larger than the TPM's NV buffer";
            case TpmRc.NV_RANGE -> "offset " + offset + " + size " + size + " is past the end of the index";
            case TpmRc.NV_UNINITIALIZED -> String.format("NV index 0x%08x has never been written", nvIndex);
            case TpmRc.NV_AUTHORIZATION -> "this index may not be read with this authorization handle";
            case TpmRc.NV_LOCKED -> String.format("NV index 0x%08x is read-locked", nvIndex);
            case TpmRc.HANDLE -> String.format("NV index 0x%08x is not defined", nvIndex);
            default -> null;
        };
    }

    @Override
    public boolean carriesData() {
        return true;
    }
}

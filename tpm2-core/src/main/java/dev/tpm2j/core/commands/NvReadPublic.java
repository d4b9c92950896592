package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmsNvPublic;

/** TPM2_NV_ReadPublic (Part 3 §31.6): an NV index's public area and name. No authorization. */
public record NvReadPublic(int nvIndex) implements TpmCommand<NvReadPublic.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_ReadPublic)
            .withHandles(1, 0)
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** nvPublic: TPM2B_NV_PUBLIC; nvName: TPM2B_NAME. Neither is checked against the other here. */
    public record Response(TpmsNvPublic nvPublic, Bytes nvName) {
    }

    @Override
    public int[] handles() {
        return new int[] {nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        TpmsNvPublic pub = TpmsNvPublic.readSized(r);
        Bytes name = r.tpm2b("TPM2B_NAME nvName", Limits.NAME);
        return new Response(pub, name);
    }

    @Override
    public String explain(ResponseCode rc) {
        return rc.base() == TpmRc.HANDLE ? String.format("NV index 0x%08x is not defined", nvIndex) : null;
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.Tpm2bPublic;

/** TPM2_ReadPublic (Part 3 §12.4): a loaded object's public area, name and qualified name. No authorization. */
public record ReadPublic(int objectHandle) implements TpmCommand<ReadPublic.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ReadPublic)
            .withHandles(1, 0)
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public record Response(TpmtPublic outPublic, Bytes name, Bytes qualifiedName) {
    }

    @Override
    public int[] handles() {
        return new int[] {objectHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        TpmtPublic pub = Tpm2bPublic.read(r).publicArea();
        Bytes name = r.tpm2b("TPM2B_NAME name", Limits.NAME);
        Bytes qn = r.tpm2b("TPM2B_NAME qualifiedName", Limits.NAME);
        return new Response(pub, name, qn);
    }

    @Override
    public String explain(ResponseCode rc) {
        return rc.base() == TpmRc.HANDLE ? String.format("no object is loaded at 0x%08x", objectHandle) : null;
    }
}

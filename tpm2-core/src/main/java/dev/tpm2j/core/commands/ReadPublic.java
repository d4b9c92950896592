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
    public record Response(TpmtPublic outPublic, Bytes name, Bytes qualifiedName) {
    }

    @Override
    public int commandCode() {
        return TpmCc.ReadPublic;
    }

    @Override
    public int[] handles() {
        return new int[] {objectHandle};
    }

    @Override
    public int authHandleCount() {
        return 0;
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

    @Override
    public boolean firstResponseParameterIsTpm2b() {
        return true;
    }
}

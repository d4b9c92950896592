package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsCreationData;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtTkCreation;

/** TPM2_Create (Part 3 §12.1): create an ordinary object under a loaded storage parent (load it with Load). */
public record Create(int parentHandle, TpmsSensitiveCreate inSensitive, TpmtPublic inPublic, Bytes outsideInfo,
                     TpmlPcrSelection creationPcr) implements TpmCommand<Create.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Create)
            .withHandles(1, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** outPrivate is the wrapped TPM2B_PRIVATE blob, opaque outside the TPM. */
    public record Response(Bytes outPrivate, TpmtPublic outPublic, TpmsCreationData creationData, Bytes creationHash,
                           TpmtTkCreation creationTicket) {
    }

    /** Create under {@code parentHandle} with an empty auth value and no outside info. */
    public static Create of(int parentHandle, TpmtPublic template) {
        return new Create(parentHandle, TpmsSensitiveCreate.empty(), template, Bytes.EMPTY, TpmlPcrSelection.EMPTY);
    }

    @Override
    public int[] handles() {
        return new int[] {parentHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        inSensitive.marshalSized(w);
        new Tpm2bPublic(inPublic).marshal(w);
        w.tpm2b(outsideInfo);
        creationPcr.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        Bytes priv = r.tpm2b("TPM2B_PRIVATE outPrivate", Limits.PRIVATE);
        TpmtPublic pub = Tpm2bPublic.read(r).publicArea();
        TpmsCreationData cd = TpmsCreationData.readSized(r);
        Bytes creationHash = r.tpm2b("TPM2B_DIGEST creationHash", Limits.DIGEST);
        TpmtTkCreation ticket = TpmtTkCreation.read(r);
        return new Response(priv, pub, cd, creationHash, ticket);
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }
}

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

/**
 * TPM2_CreatePrimary (Part 3 §24.1): derive a primary object in a hierarchy from its seed and a template; the same
 * template always yields the same key (that is how an EK is recreated).
 */
public record CreatePrimary(int primaryHandle, TpmsSensitiveCreate inSensitive, TpmtPublic inPublic,
                            Bytes outsideInfo, TpmlPcrSelection creationPcr)
        implements TpmCommand<CreatePrimary.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.CreatePrimary)
            .withHandles(1, 1)
            .withResponseHandle()
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** The TPM2_CreatePrimary response. */
    public record Response(int objectHandle, TpmtPublic outPublic, TpmsCreationData creationData, Bytes creationHash,
                           TpmtTkCreation creationTicket, Bytes name) {
    }

    /** A primary from {@code template} with empty sensitive data, outside info and PCR selection. */
    public static CreatePrimary of(int hierarchy, TpmtPublic template) {
        return new CreatePrimary(hierarchy, TpmsSensitiveCreate.empty(), template, Bytes.EMPTY, TpmlPcrSelection.EMPTY);
    }

    @Override
    public int[] handles() {
        return new int[] {primaryHandle};
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
        TpmtPublic pub = Tpm2bPublic.read(r).publicArea();
        TpmsCreationData cd = TpmsCreationData.readSized(r);
        Bytes creationHash = r.tpm2b("TPM2B_DIGEST creationHash", Limits.DIGEST);
        TpmtTkCreation ticket = TpmtTkCreation.read(r);
        Bytes name = r.tpm2b("TPM2B_NAME name", Limits.NAME);
        return new Response(h[0], pub, cd, creationHash, ticket, name);
    }

    @Override
    public void applyEffects(Response response, CommandEffects effects) {
        effects.objectLoaded(response.objectHandle(), response.outPublic(), response.name());
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }
}

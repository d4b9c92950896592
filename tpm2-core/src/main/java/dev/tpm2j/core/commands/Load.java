package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtPublic;

/** TPM2_Load (Part 3 §12.2): load an object created by Create under its parent; returns a transient handle. */
public record Load(int parentHandle, Bytes inPrivate, TpmtPublic inPublic) implements TpmCommand<Load.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Load)
            .withHandles(1, 1)
            .withResponseHandle()
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public record Response(int objectHandle, Bytes name) {
    }

    @Override
    public int[] handles() {
        return new int[] {parentHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(inPrivate);
        new Tpm2bPublic(inPublic).marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(h[0], r.tpm2b("TPM2B_NAME name", Limits.NAME));
    }

    @Override
    public void applyEffects(Response response, CommandEffects effects) {
        effects.objectLoaded(response.objectHandle(), inPublic, response.name());
    }
}

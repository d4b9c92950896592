package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtPublic;

/**
 * TPM2_LoadExternal (Part 3 §12.3), public part only: load a public key (e.g. another TPM's EK for a TPM-side
 * MakeCredential) into {@code hierarchy} (usually TPM_RH_NULL).
 */
public record LoadExternal(TpmtPublic inPublic, int hierarchy) implements TpmCommand<LoadExternal.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.LoadExternal)
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
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u16(0); // empty TPM2B_SENSITIVE: public part only
        new Tpm2bPublic(inPublic).marshal(w);
        w.u32(hierarchy);
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

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_GetRandom (Part 3 §16.1): up to one digest's worth of random bytes per call (the TPM may return fewer). */
public record GetRandom(int bytesRequested) implements TpmCommand<GetRandom.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.GetRandom)
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** randomBytes: TPM2B_DIGEST. */
    public record Response(Bytes randomBytes) {
    }

    public GetRandom {
        if (bytesRequested < 0 || bytesRequested > 0xFFFF) {
            throw new IllegalArgumentException("bytesRequested must fit in 16 bits");
        }
    }

    @Override
    public int[] handles() {
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u16(bytesRequested);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        Bytes b = r.tpm2b("TPM2B_DIGEST randomBytes", Limits.DIGEST);
        if (b.size() > bytesRequested) {
            throw r.error("TPM2_GetRandom response", "returned " + b.size() + " bytes, more than the "
                    + bytesRequested + " requested");
        }
        return new Response(b);
    }
}

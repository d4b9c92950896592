package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyGetDigest (Part 3 §23.19): the current policy digest of a policy or trial session. */
public record PolicyGetDigest(int policySession) implements TpmCommand<PolicyGetDigest.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyGetDigest)
            .withHandles(1, 0)
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public record Response(Bytes policyDigest) {
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(r.tpm2b("TPM2B_DIGEST policyDigest", Limits.DIGEST));
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyGetDigest (Part 3 §23.19): the current policy digest of a policy or trial session. */
public record PolicyGetDigest(int policySession) implements TpmCommand<PolicyGetDigest.Response> {
    public record Response(Bytes policyDigest) {
    }

    @Override
    public int commandCode() {
        return TpmCc.PolicyGetDigest;
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
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
        return new Response(r.tpm2b("TPM2B_DIGEST policyDigest", Limits.DIGEST));
    }

    @Override
    public boolean firstResponseParameterIsTpm2b() {
        return true;
    }
}

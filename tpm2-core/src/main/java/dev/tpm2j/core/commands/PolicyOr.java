package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlDigest;

/** TPM2_PolicyOR (Part 3 §23.6): if the session's digest is one of the branches, replace it by their OR. */
public record PolicyOr(int policySession, TpmlDigest pHashList) implements TpmCommand<NoResponse> {
    @Override
    public int commandCode() {
        return TpmCc.PolicyOR;
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
        pHashList.marshal(w);
    }

    @Override
    public NoResponse parseResponse(int[] h, TpmReader r) {
        return NoResponse.INSTANCE;
    }
}

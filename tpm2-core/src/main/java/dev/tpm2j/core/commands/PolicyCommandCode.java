package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/** TPM2_PolicyCommandCode (Part 3 §23.11): the policy authorizes only the command {@code code}. */
public record PolicyCommandCode(int policySession, int code) implements TpmCommand<NoResponse> {
    @Override
    public int commandCode() {
        return TpmCc.PolicyCommandCode;
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
        w.u32(code);
    }

    @Override
    public NoResponse parseResponse(int[] h, TpmReader r) {
        return NoResponse.INSTANCE;
    }
}

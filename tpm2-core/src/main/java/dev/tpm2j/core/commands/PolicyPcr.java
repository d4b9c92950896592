package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlPcrSelection;

/**
 * TPM2_PolicyPCR (Part 3 §23.7): the policy holds only while the selected PCRs have the values hashed in
 * {@code pcrDigest} (empty: the TPM uses their current values; a trial session takes the given digest as is).
 */
public record PolicyPcr(int policySession, Bytes pcrDigest, TpmlPcrSelection pcrs)
        implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyPCR)
            .withHandles(1, 0)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(pcrDigest);
        pcrs.marshal(w);
    }
}

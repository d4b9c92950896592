package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_PolicyNV (Part 3 §23.9): the policy holds only while the NV index's contents at {@code offset} compare with
 * {@code operandB} as {@code operation} says (TPM_EO: 0 equal, 1 not equal, …). {@code authHandle} authorizes
 * reading the index.
 */
public record PolicyNv(int authHandle, int nvIndex, int policySession, Bytes operandB, int offset, int operation)
        implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyNV)
            .withHandles(3, 1)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** TPM_EO_EQ. */
    public static final int EQ = 0x0000;
    /** TPM_EO_NEQ. */
    public static final int NEQ = 0x0001;

    @Override
    public int[] handles() {
        return new int[] {authHandle, nvIndex, policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(operandB);
        w.u16(offset);
        w.u16(operation);
    }
}

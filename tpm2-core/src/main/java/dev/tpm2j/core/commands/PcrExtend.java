package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtHa;
import java.util.List;

/**
 * TPM2_PCR_Extend (Part 3 §22.2): for each digest, PCR[bank] = H(PCR[bank] || digest). {@code pcrHandle} is the PCR
 * number (0..23); it needs USER authorization (the PCR's auth value, empty by default).
 */
public record PcrExtend(int pcrHandle, List<TpmtHa> digests) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PCR_Extend)
            .withHandles(1, 1);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** Copies the digests; at most one per bank (HASH_COUNT). */
    public PcrExtend {
        digests = List.copyOf(digests);
        if (digests.isEmpty() || digests.size() > Limits.PCR_SELECTIONS) {
            throw new IllegalArgumentException("PCR_Extend needs 1.." + Limits.PCR_SELECTIONS + " digests");
        }
        if (pcrHandle < 0 || pcrHandle > 31) {
            throw new IllegalArgumentException("not a PCR handle: " + pcrHandle);
        }
    }

    @Override
    public int[] handles() {
        return new int[] {pcrHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u32(digests.size());
        for (TpmtHa d : digests) {
            d.marshal(w);
        }
    }
}

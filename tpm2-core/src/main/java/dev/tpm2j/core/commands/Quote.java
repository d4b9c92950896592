package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmtSigScheme;

/** TPM2_Quote (Part 3 §18.4): {@code signHandle} signs a digest of the selected PCRs with {@code qualifyingData}. */
public record Quote(int signHandle, Bytes qualifyingData, TpmtSigScheme inScheme, TpmlPcrSelection pcrSelect)
        implements TpmCommand<Certify.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Quote)
            .withHandles(1, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {signHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(qualifyingData);
        inScheme.marshal(w);
        pcrSelect.marshal(w);
    }

    @Override
    public Certify.Response parseResponse(int[] h, TpmReader r) {
        return Certify.readAttestAndSignature(r);
    }
}

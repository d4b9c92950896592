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
    @Override
    public int commandCode() {
        return TpmCc.Quote;
    }

    @Override
    public int[] handles() {
        return new int[] {signHandle};
    }

    @Override
    public int authHandleCount() {
        return 1;
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

    @Override
    public boolean firstCommandParameterIsTpm2b() {
        return true;
    }

    @Override
    public boolean firstResponseParameterIsTpm2b() {
        return true;
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * TPM2_NV_Certify (Part 3 §31.16): {@code signHandle} signs a TPMS_ATTEST quoting {@code size} bytes at
 * {@code offset} of {@code nvIndex}. Two authorized handles: the signing key (USER) and the index's read
 * authorization {@code authHandle} (USER). The attestation is returned as the exact signed bytes (unparsed,
 * unverified until the signature is).
 */
public record NvCertify(int signHandle, int authHandle, int nvIndex, Bytes qualifyingData, TpmtSigScheme inScheme,
                        int size, int offset) implements TpmCommand<NvCertify.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.NV_Certify)
            .withHandles(3, 2)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** certifyInfo: the TPM2B_ATTEST contents; signature over them. */
    public record Response(Bytes certifyInfo, TpmtSignature signature) {
    }

    @Override
    public int[] handles() {
        return new int[] {signHandle, authHandle, nvIndex};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(qualifyingData);
        inScheme.marshal(w);
        w.u16(size);
        w.u16(offset);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        Bytes info = r.tpm2b("TPM2B_ATTEST certifyInfo", Limits.ATTEST);
        return new Response(info, TpmtSignature.read(r));
    }

    @Override
    public boolean carriesData() {
        return true;
    }
}

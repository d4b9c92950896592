package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * TPM2_Certify (Part 3 §18.2): {@code signHandle} signs a TPMS_ATTEST saying {@code objectHandle} is loaded in this
 * TPM. Both handles need authorization (object: ADMIN role, signer: USER role).
 */
public record Certify(int objectHandle, int signHandle, Bytes qualifyingData, TpmtSigScheme inScheme)
        implements TpmCommand<Certify.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Certify)
            .withHandles(2, 2)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** attestBytes are the exact signed bytes; attest is their parsed form (unverified until the signature is). */
    public record Response(Bytes attestBytes, TpmsAttest attest, TpmtSignature signature) {
    }

    @Override
    public int[] handles() {
        return new int[] {objectHandle, signHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(qualifyingData);
        inScheme.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return readAttestAndSignature(r);
    }

    static Response readAttestAndSignature(TpmReader r) {
        TpmsAttest attest = TpmsAttest.readSized(r);
        TpmtSignature sig = TpmtSignature.read(r);
        // Every field of TPMS_ATTEST is kept, so re-marshalling yields exactly the bytes the TPM signed.
        return new Response(Bytes.of(attest.toBytes()), attest, sig);
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtTkVerified;

/**
 * TPM2_VerifySignature (Part 3 §20.1): the TPM checks that the loaded public key {@code keyHandle} signed
 * {@code digest} and returns a TPMT_TK_VERIFIED ticket, which TPM2_PolicyAuthorize accepts as proof of an approved
 * policy. The key needs no authorization; load it outside TPM_RH_NULL to get a ticket a policy session accepts.
 */
public record VerifySignature(int keyHandle, Bytes digest, TpmtSignature signature)
        implements TpmCommand<VerifySignature.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.VerifySignature)
            .withHandles(1, 0)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** The ticket proving the signature verified. */
    public record Response(TpmtTkVerified validation) {
    }

    @Override
    public int[] handles() {
        return new int[] {keyHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(digest);
        signature.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(TpmtTkVerified.read(r));
    }

    @Override
    public String explain(ResponseCode rc) {
        return rc.base() == TpmRc.SIGNATURE ? "the signature does not verify with this key over this digest" : null;
    }
}

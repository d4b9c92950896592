package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmtSymDef;

/**
 * TPM2_StartAuthSession (Part 3 §11.1): start an HMAC, policy or trial session, optionally salted ({@code tpmKey})
 * and bound ({@code bind}); TPM_RH_NULL for either means none.
 */
public record StartAuthSession(int tpmKey, int bind, Bytes nonceCaller, Bytes encryptedSalt, int sessionType,
                               TpmtSymDef symmetric, int authHash) implements TpmCommand<StartAuthSession.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.StartAuthSession)
            .withHandles(2, 0)
            .withResponseHandle()
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public static final int SE_HMAC = 0;
    public static final int SE_POLICY = 1;
    public static final int SE_TRIAL = 3;

    public record Response(int sessionHandle, Bytes nonceTpm) {
    }

    @Override
    public int[] handles() {
        return new int[] {tpmKey, bind};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(nonceCaller);
        w.tpm2b(encryptedSalt);
        w.u8(sessionType);
        symmetric.marshal(w);
        w.u16(authHash);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        int type = TpmHt.of(h[0]);
        if (type != TpmHt.HMAC_SESSION && type != TpmHt.POLICY_SESSION) {
            throw r.error("TPM2_StartAuthSession response", String.format("0x%08x is not a session handle", h[0]));
        }
        Bytes nonce = r.tpm2b("TPM2B_NONCE nonceTPM", Limits.DIGEST);
        return new Response(h[0], nonce);
    }
}

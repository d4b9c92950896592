package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_AUTH_RESPONSE: one session's part of a response — the TPM's new nonce, the session flags and the HMAC. */
public record TpmsAuthResponse(Bytes nonce, TpmaSession attributes, Bytes hmac) implements TpmMarshallable {
    public TpmsAuthResponse {
        if (nonce.size() > Limits.DIGEST || hmac.size() > Limits.DIGEST) {
            throw new IllegalArgumentException("nonce or hmac larger than " + Limits.DIGEST + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(nonce);
        w.u8(attributes.value());
        w.tpm2b(hmac);
    }

    public static TpmsAuthResponse read(TpmReader r) {
        Bytes nonce = r.tpm2b("TPMS_AUTH_RESPONSE.nonce", Limits.DIGEST);
        TpmaSession a = new TpmaSession(r.u8("TPMS_AUTH_RESPONSE"));
        Bytes hmac = r.tpm2b("TPMS_AUTH_RESPONSE.hmac", Limits.DIGEST);
        return new TpmsAuthResponse(nonce, a, hmac);
    }
}

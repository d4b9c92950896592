package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_SIGNATURE_RSA: the hash and the signature value (RSASSA or RSAPSS). */
public record TpmsSignatureRsa(int hash, Bytes sig) implements TpmuSignature {
    @Override
    public void marshal(TpmWriter w) {
        w.u16(hash);
        w.tpm2b(sig);
    }

    public static TpmsSignatureRsa read(TpmReader r) {
        int hash = r.u16("TPMS_SIGNATURE_RSA");
        return new TpmsSignatureRsa(hash, r.tpm2b("TPMS_SIGNATURE_RSA.sig", Limits.RSA_KEY));
    }
}

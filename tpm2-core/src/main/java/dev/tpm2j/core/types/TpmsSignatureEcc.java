package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_SIGNATURE_ECC: the hash and the (r, s) pair (ECDSA, ECDAA, SM2, ECSCHNORR). */
public record TpmsSignatureEcc(int hash, Bytes signatureR, Bytes signatureS) implements TpmuSignature {
    @Override
    public void marshal(TpmWriter w) {
        w.u16(hash);
        w.tpm2b(signatureR);
        w.tpm2b(signatureS);
    }

    public static TpmsSignatureEcc read(TpmReader r) {
        int hash = r.u16("TPMS_SIGNATURE_ECC");
        Bytes sr = r.tpm2b("TPMS_SIGNATURE_ECC.signatureR", Limits.ECC_PARAMETER);
        Bytes ss = r.tpm2b("TPMS_SIGNATURE_ECC.signatureS", Limits.ECC_PARAMETER);
        return new TpmsSignatureEcc(hash, sr, ss);
    }
}

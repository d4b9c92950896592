package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_RSA_PARMS: symmetric protection (storage keys), scheme, key size, exponent (0 means 65537). */
public record TpmsRsaParms(TpmtSymDef symmetric, TpmtRsaScheme scheme, int keyBits, int exponent)
        implements TpmuPublicParms {
    @Override
    public int type() {
        return TpmAlgId.RSA;
    }

    /** The public exponent actually in force (65537 when the field is 0). */
    public long effectiveExponent() {
        return exponent == 0 ? 65537L : Integer.toUnsignedLong(exponent);
    }

    @Override
    public void marshal(TpmWriter w) {
        symmetric.marshal(w);
        scheme.marshal(w);
        w.u16(keyBits);
        w.u32(exponent);
    }

    public static TpmsRsaParms read(TpmReader r) {
        TpmtSymDef sym = TpmtSymDef.readObject(r);
        TpmtRsaScheme scheme = TpmtRsaScheme.read(r);
        int bits = r.u16("TPMS_RSA_PARMS");
        int exp = r.u32("TPMS_RSA_PARMS");
        return new TpmsRsaParms(sym, scheme, bits, exp);
    }
}

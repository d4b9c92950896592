package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_ECC_PARMS: symmetric protection, scheme, curve (TPM_ECC_CURVE) and KDF. */
public record TpmsEccParms(TpmtSymDef symmetric, TpmtEccScheme scheme, int curveId, TpmtKdfScheme kdf)
        implements TpmuPublicParms {
    @Override
    public int type() {
        return TpmAlgId.ECC;
    }

    @Override
    public void marshal(TpmWriter w) {
        symmetric.marshal(w);
        scheme.marshal(w);
        w.u16(curveId);
        kdf.marshal(w);
    }

    public static TpmsEccParms read(TpmReader r) {
        TpmtSymDef sym = TpmtSymDef.readObject(r);
        TpmtEccScheme scheme = TpmtEccScheme.read(r);
        int curve = r.u16("TPMS_ECC_PARMS");
        TpmtKdfScheme kdf = TpmtKdfScheme.read(r);
        return new TpmsEccParms(sym, scheme, curve, kdf);
    }
}

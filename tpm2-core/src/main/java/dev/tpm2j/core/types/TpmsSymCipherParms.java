package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_SYMCIPHER_PARMS: the algorithm of a symmetric-cipher object. */
public record TpmsSymCipherParms(TpmtSymDef sym) implements TpmuPublicParms {
    @Override
    public int type() {
        return TpmAlgId.SYMCIPHER;
    }

    @Override
    public void marshal(TpmWriter w) {
        sym.marshal(w);
    }

    public static TpmsSymCipherParms read(TpmReader r) {
        return new TpmsSymCipherParms(TpmtSymDef.readObject(r));
    }
}

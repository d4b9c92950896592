package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_KEYEDHASH_PARMS: the scheme of an HMAC key, XOR key or sealed data object. */
public record TpmsKeyedHashParms(TpmtKeyedHashScheme scheme) implements TpmuPublicParms {
    @Override
    public int type() {
        return TpmAlgId.KEYEDHASH;
    }

    @Override
    public void marshal(TpmWriter w) {
        scheme.marshal(w);
    }

    public static TpmsKeyedHashParms read(TpmReader r) {
        return new TpmsKeyedHashParms(TpmtKeyedHashScheme.read(r));
    }
}

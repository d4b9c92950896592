package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_CREATION_DATA: the environment an object was created in (PCRs, locality, parent names, outside info). */
public record TpmsCreationData(TpmlPcrSelection pcrSelect, Bytes pcrDigest, int locality, int parentNameAlg,
                               Bytes parentName, Bytes parentQualifiedName, Bytes outsideInfo)
        implements TpmMarshallable {
    @Override
    public void marshal(TpmWriter w) {
        pcrSelect.marshal(w);
        w.tpm2b(pcrDigest);
        w.u8(locality);
        w.u16(parentNameAlg);
        w.tpm2b(parentName);
        w.tpm2b(parentQualifiedName);
        w.tpm2b(outsideInfo);
    }

    public static TpmsCreationData read(TpmReader r) {
        String s = "TPMS_CREATION_DATA";
        TpmlPcrSelection sel = TpmlPcrSelection.read(r);
        Bytes pcrDigest = r.tpm2b("TPMS_CREATION_DATA.pcrDigest", Limits.DIGEST);
        int locality = r.u8(s);
        int parentNameAlg = r.u16(s);
        Bytes parentName = r.tpm2b("TPMS_CREATION_DATA.parentName", Limits.NAME);
        Bytes parentQn = r.tpm2b("TPMS_CREATION_DATA.parentQualifiedName", Limits.NAME);
        Bytes outside = r.tpm2b("TPMS_CREATION_DATA.outsideInfo", Limits.DATA);
        return new TpmsCreationData(sel, pcrDigest, locality, parentNameAlg, parentName, parentQn, outside);
    }

    /** Reads a TPM2B_CREATION_DATA. */
    public static TpmsCreationData readSized(TpmReader r) {
        TpmReader in = r.sized("TPM2B_CREATION_DATA", Limits.CREATION_DATA);
        TpmsCreationData d = read(in);
        in.expectEnd("TPM2B_CREATION_DATA");
        return d;
    }

    public void marshalSized(TpmWriter w) {
        w.sized(this::marshal);
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_TK_CREATION: the TPM's ticket that it created an object with the given creation data. */
public record TpmtTkCreation(int tag, int hierarchy, Bytes digest) implements TpmMarshallable {
    @Override
    public void marshal(TpmWriter w) {
        w.u16(tag);
        w.u32(hierarchy);
        w.tpm2b(digest);
    }

    public static TpmtTkCreation read(TpmReader r) {
        String s = "TPMT_TK_CREATION";
        int at = r.offset();
        int tag = r.u16(s);
        if (tag != TpmSt.CREATION) {
            throw r.errorAt(at, s, String.format("tag 0x%04x is not TPM_ST_CREATION", tag));
        }
        int hierarchy = r.u32(s);
        return new TpmtTkCreation(tag, hierarchy, r.tpm2b("TPMT_TK_CREATION.digest", Limits.DIGEST));
    }
}

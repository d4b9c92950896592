package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_PCR_SELECTION: a hash bank and a bitmap of PCRs (bit n of byte n/8 selects PCR n). */
public record TpmsPcrSelection(int hash, Bytes pcrSelect) implements TpmMarshallable {
    public TpmsPcrSelection {
        if (pcrSelect.size() > Limits.PCR_SELECT) {
            throw new IllegalArgumentException("PCR bitmap larger than " + Limits.PCR_SELECT + " bytes");
        }
    }

    /** A selection of the given PCR numbers in a 3-byte bitmap (24 PCRs), the common size. */
    public static TpmsPcrSelection of(int hash, int... pcrs) {
        byte[] map = new byte[3];
        for (int p : pcrs) {
            if (p < 0 || p >= 24) {
                throw new IllegalArgumentException("PCR out of range: " + p);
            }
            map[p / 8] |= (byte) (1 << (p % 8));
        }
        return new TpmsPcrSelection(hash, Bytes.of(map));
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(hash);
        w.u8(pcrSelect.size());
        w.raw(pcrSelect);
    }

    public static TpmsPcrSelection read(TpmReader r) {
        String s = "TPMS_PCR_SELECTION";
        int hash = r.u16(s);
        int at = r.offset();
        int n = r.u8(s);
        if (n > Limits.PCR_SELECT) {
            throw r.errorAt(at, s, "sizeofSelect " + n + " exceeds the maximum " + Limits.PCR_SELECT);
        }
        return new TpmsPcrSelection(hash, r.bytes(n, s));
    }
}

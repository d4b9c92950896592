package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_NV_PUBLIC (Part 2 §13.5): an NV index's handle, name algorithm, attributes, policy and data size. */
public record TpmsNvPublic(int nvIndex, int nameAlg, TpmaNv attributes, Bytes authPolicy, int dataSize)
        implements TpmMarshallable {
    public TpmsNvPublic {
        if (authPolicy.size() > Limits.DIGEST) {
            throw new IllegalArgumentException("authPolicy larger than " + Limits.DIGEST + " bytes");
        }
        if ((dataSize & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("dataSize must fit in 16 bits: " + dataSize);
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(nvIndex);
        w.u16(nameAlg);
        w.u32(attributes.value());
        w.tpm2b(authPolicy);
        w.u16(dataSize);
    }

    public static TpmsNvPublic read(TpmReader r) {
        String s = "TPMS_NV_PUBLIC";
        int at = r.offset();
        int index = r.u32(s);
        if (TpmHt.of(index) != TpmHt.NV_INDEX) {
            throw r.errorAt(at, s, String.format("nvIndex 0x%08x is not an NV index handle", index));
        }
        int nameAlg = r.u16(s);
        TpmaNv attrs = new TpmaNv(r.u32(s));
        Bytes policy = r.tpm2b("TPMS_NV_PUBLIC.authPolicy", Limits.DIGEST);
        int size = r.u16(s);
        return new TpmsNvPublic(index, nameAlg, attrs, policy, size);
    }

    /** Reads a TPM2B_NV_PUBLIC. */
    public static TpmsNvPublic readSized(TpmReader r) {
        TpmReader in = r.sized("TPM2B_NV_PUBLIC", Limits.NV_PUBLIC);
        TpmsNvPublic p = read(in);
        in.expectEnd("TPM2B_NV_PUBLIC");
        return p;
    }

    /** Writes a TPM2B_NV_PUBLIC. */
    public void marshalSized(TpmWriter w) {
        w.sized(this::marshal);
    }
}

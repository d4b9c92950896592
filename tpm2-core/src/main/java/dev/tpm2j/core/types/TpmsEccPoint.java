package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_ECC_POINT: affine coordinates, each a TPM2B_ECC_PARAMETER of at most 66 bytes. */
public record TpmsEccPoint(Bytes x, Bytes y) implements TpmuPublicId {
    public TpmsEccPoint {
        if (x.size() > Limits.ECC_PARAMETER || y.size() > Limits.ECC_PARAMETER) {
            throw new IllegalArgumentException("ECC coordinate larger than " + Limits.ECC_PARAMETER + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(x);
        w.tpm2b(y);
    }

    public static TpmsEccPoint read(TpmReader r) {
        Bytes x = r.tpm2b("TPMS_ECC_POINT.x", Limits.ECC_PARAMETER);
        Bytes y = r.tpm2b("TPMS_ECC_POINT.y", Limits.ECC_PARAMETER);
        return new TpmsEccPoint(x, y);
    }

    /** Reads a TPM2B_ECC_POINT (a sized TPMS_ECC_POINT). */
    public static TpmsEccPoint readSized(TpmReader r) {
        TpmReader in = r.sized("TPM2B_ECC_POINT", 2 * (2 + Limits.ECC_PARAMETER));
        TpmsEccPoint p = read(in);
        in.expectEnd("TPM2B_ECC_POINT");
        return p;
    }

    public void marshalSized(TpmWriter w) {
        w.sized(this::marshal);
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMT_SYM_DEF and TPMT_SYM_DEF_OBJECT (Part 2 §11.1.6/7): a symmetric algorithm, its key size and mode. For
 * TPM_ALG_NULL only the algorithm is on the wire; for XOR (sessions only) {@code keyBits} holds the hash and there is
 * no mode.
 */
public record TpmtSymDef(int algorithm, int keyBits, int mode) implements TpmMarshallable {
    public static final TpmtSymDef NULL = new TpmtSymDef(TpmAlgId.NULL, 0, TpmAlgId.NULL);
    public static final TpmtSymDef AES_128_CFB = new TpmtSymDef(TpmAlgId.AES, 128, TpmAlgId.CFB);
    public static final TpmtSymDef AES_256_CFB = new TpmtSymDef(TpmAlgId.AES, 256, TpmAlgId.CFB);

    public TpmtSymDef {
        if (algorithm == TpmAlgId.NULL) {
            keyBits = 0;
            mode = TpmAlgId.NULL;
        } else if (algorithm == TpmAlgId.XOR) {
            mode = TpmAlgId.NULL;
        }
    }

    public boolean isNull() {
        return algorithm == TpmAlgId.NULL;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(algorithm);
        if (algorithm == TpmAlgId.NULL) {
            return;
        }
        w.u16(keyBits);
        if (algorithm != TpmAlgId.XOR) {
            w.u16(mode);
        }
    }

    /** Reads a TPMT_SYM_DEF (XOR allowed). */
    public static TpmtSymDef read(TpmReader r) {
        return read(r, "TPMT_SYM_DEF", true);
    }

    /** Reads a TPMT_SYM_DEF_OBJECT (XOR not allowed). */
    public static TpmtSymDef readObject(TpmReader r) {
        return read(r, "TPMT_SYM_DEF_OBJECT", false);
    }

    private static TpmtSymDef read(TpmReader r, String s, boolean xorAllowed) {
        int at = r.offset();
        int alg = r.u16(s);
        if (alg == TpmAlgId.NULL) {
            return NULL;
        }
        if (alg == TpmAlgId.AES || alg == TpmAlgId.SM4 || alg == TpmAlgId.CAMELLIA || alg == TpmAlgId.TDES) {
            int bits = r.u16(s);
            int mode = r.u16(s);
            return new TpmtSymDef(alg, bits, mode);
        }
        if (alg == TpmAlgId.XOR && xorAllowed) {
            return new TpmtSymDef(alg, r.u16(s), TpmAlgId.NULL);
        }
        throw r.errorAt(at, s, "unknown symmetric algorithm " + TpmAlgId.name(alg)
                + (alg == TpmAlgId.XOR ? " (XOR is not allowed for objects)" : ""));
    }

    @Override
    public String toString() {
        if (isNull()) {
            return "NULL";
        }
        return TpmAlgId.name(algorithm).substring(8) + "-" + keyBits
                + (algorithm == TpmAlgId.XOR ? "" : "-" + TpmAlgId.name(mode).substring(8));
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_KDF_SCHEME (Part 2 §11.2.3.3): a KDF and its hash, or NULL. */
public record TpmtKdfScheme(int scheme, int hashAlg) implements TpmMarshallable {
    public static final TpmtKdfScheme NULL = new TpmtKdfScheme(TpmAlgId.NULL, TpmAlgId.NULL);

    public TpmtKdfScheme {
        if (scheme == TpmAlgId.NULL) {
            hashAlg = TpmAlgId.NULL;
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(scheme);
        if (scheme != TpmAlgId.NULL) {
            w.u16(hashAlg);
        }
    }

    public static TpmtKdfScheme read(TpmReader r) {
        String s = "TPMT_KDF_SCHEME";
        int at = r.offset();
        int scheme = r.u16(s);
        return switch (scheme) {
            case TpmAlgId.NULL -> NULL;
            case TpmAlgId.MGF1, TpmAlgId.KDF1_SP800_56A, TpmAlgId.KDF2, TpmAlgId.KDF1_SP800_108 ->
                    new TpmtKdfScheme(scheme, r.u16(s));
            default -> throw r.errorAt(at, s, "unknown KDF scheme " + TpmAlgId.name(scheme));
        };
    }
}

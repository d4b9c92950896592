package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMT_ECC_SCHEME (Part 2 §11.2.5.6): NULL or a signing / key-exchange scheme with its hash; ECDAA adds a commit
 * count (0 otherwise).
 */
public record TpmtEccScheme(int scheme, int hashAlg, int count) implements TpmMarshallable {
    public static final TpmtEccScheme NULL = new TpmtEccScheme(TpmAlgId.NULL, TpmAlgId.NULL, 0);

    public TpmtEccScheme {
        if (scheme == TpmAlgId.NULL) {
            hashAlg = TpmAlgId.NULL;
        }
        if (scheme != TpmAlgId.ECDAA) {
            count = 0;
        }
    }

    public static TpmtEccScheme of(int scheme, int hashAlg) {
        return new TpmtEccScheme(scheme, hashAlg, 0);
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(scheme);
        if (scheme == TpmAlgId.NULL) {
            return;
        }
        w.u16(hashAlg);
        if (scheme == TpmAlgId.ECDAA) {
            w.u16(count);
        }
    }

    public static TpmtEccScheme read(TpmReader r) {
        String s = "TPMT_ECC_SCHEME";
        int at = r.offset();
        int scheme = r.u16(s);
        return switch (scheme) {
            case TpmAlgId.NULL -> NULL;
            case TpmAlgId.ECDSA, TpmAlgId.ECDH, TpmAlgId.SM2, TpmAlgId.ECSCHNORR, TpmAlgId.ECMQV ->
                    new TpmtEccScheme(scheme, r.u16(s), 0);
            case TpmAlgId.ECDAA -> new TpmtEccScheme(scheme, r.u16(s), r.u16(s));
            default -> throw r.errorAt(at, s, "unknown ECC scheme " + TpmAlgId.name(scheme));
        };
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_SIG_SCHEME (Part 2 §11.2.1.5): a signing scheme and hash (ECDAA adds a count), or NULL for the key's own. */
public record TpmtSigScheme(int scheme, int hashAlg, int count) implements TpmMarshallable {
    public static final TpmtSigScheme NULL = new TpmtSigScheme(TpmAlgId.NULL, TpmAlgId.NULL, 0);

    public TpmtSigScheme {
        if (scheme == TpmAlgId.NULL) {
            hashAlg = TpmAlgId.NULL;
        }
        if (scheme != TpmAlgId.ECDAA) {
            count = 0;
        }
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

    public static TpmtSigScheme read(TpmReader r) {
        String s = "TPMT_SIG_SCHEME";
        int at = r.offset();
        int scheme = r.u16(s);
        return switch (scheme) {
            case TpmAlgId.NULL -> NULL;
            case TpmAlgId.RSASSA, TpmAlgId.RSAPSS, TpmAlgId.ECDSA, TpmAlgId.SM2, TpmAlgId.ECSCHNORR, TpmAlgId.HMAC ->
                    new TpmtSigScheme(scheme, r.u16(s), 0);
            case TpmAlgId.ECDAA -> new TpmtSigScheme(scheme, r.u16(s), r.u16(s));
            default -> throw r.errorAt(at, s, "unknown signature scheme " + TpmAlgId.name(scheme));
        };
    }
}

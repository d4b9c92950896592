package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_KEYEDHASH_SCHEME (Part 2 §11.1.23): NULL, HMAC (hash) or XOR (hash and KDF). */
public record TpmtKeyedHashScheme(int scheme, int hashAlg, int kdf) implements TpmMarshallable {
    public static final TpmtKeyedHashScheme NULL = new TpmtKeyedHashScheme(TpmAlgId.NULL, TpmAlgId.NULL, TpmAlgId.NULL);

    public TpmtKeyedHashScheme {
        if (scheme == TpmAlgId.NULL) {
            hashAlg = TpmAlgId.NULL;
        }
        if (scheme != TpmAlgId.XOR) {
            kdf = TpmAlgId.NULL;
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(scheme);
        if (scheme == TpmAlgId.NULL) {
            return;
        }
        w.u16(hashAlg);
        if (scheme == TpmAlgId.XOR) {
            w.u16(kdf);
        }
    }

    public static TpmtKeyedHashScheme read(TpmReader r) {
        String s = "TPMT_KEYEDHASH_SCHEME";
        int at = r.offset();
        int scheme = r.u16(s);
        return switch (scheme) {
            case TpmAlgId.NULL -> NULL;
            case TpmAlgId.HMAC -> new TpmtKeyedHashScheme(scheme, r.u16(s), TpmAlgId.NULL);
            case TpmAlgId.XOR -> new TpmtKeyedHashScheme(scheme, r.u16(s), r.u16(s));
            default -> throw r.errorAt(at, s, "unknown keyed-hash scheme " + TpmAlgId.name(scheme));
        };
    }
}

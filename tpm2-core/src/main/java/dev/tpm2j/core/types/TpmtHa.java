package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_HA: a hash algorithm and a digest of exactly that algorithm's size (also an HMAC signature). */
public record TpmtHa(int hashAlg, Bytes digest) implements TpmuSignature {
    public TpmtHa {
        int size = TpmAlgId.digestSize(hashAlg);
        if (size < 0 || size != digest.size()) {
            throw new IllegalArgumentException("digest of " + digest.size() + " bytes does not fit "
                    + TpmAlgId.name(hashAlg));
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(hashAlg);
        w.raw(digest);
    }

    public static TpmtHa read(TpmReader r) {
        String s = "TPMT_HA";
        int at = r.offset();
        int alg = r.u16(s);
        int size = TpmAlgId.digestSize(alg);
        if (size < 0) {
            throw r.errorAt(at, s, "unknown hash algorithm " + TpmAlgId.name(alg));
        }
        return new TpmtHa(alg, r.bytes(size, s));
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMT_RSA_SCHEME (Part 2 §11.2.4.2): NULL, RSASSA, RSAPSS, OAEP (each with a hash) or RSAES (no details).
 * {@code hashAlg} is TPM_ALG_NULL where the scheme carries no hash.
 */
public record TpmtRsaScheme(int scheme, int hashAlg) implements TpmMarshallable {
    public static final TpmtRsaScheme NULL = new TpmtRsaScheme(TpmAlgId.NULL, TpmAlgId.NULL);

    public TpmtRsaScheme {
        if (scheme == TpmAlgId.NULL || scheme == TpmAlgId.RSAES) {
            hashAlg = TpmAlgId.NULL;
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(scheme);
        if (scheme != TpmAlgId.NULL && scheme != TpmAlgId.RSAES) {
            w.u16(hashAlg);
        }
    }

    public static TpmtRsaScheme read(TpmReader r) {
        String s = "TPMT_RSA_SCHEME";
        int at = r.offset();
        int scheme = r.u16(s);
        return switch (scheme) {
            case TpmAlgId.NULL -> NULL;
            case TpmAlgId.RSAES -> new TpmtRsaScheme(scheme, TpmAlgId.NULL);
            case TpmAlgId.RSASSA, TpmAlgId.RSAPSS, TpmAlgId.OAEP -> new TpmtRsaScheme(scheme, r.u16(s));
            default -> throw r.errorAt(at, s, "unknown RSA scheme " + TpmAlgId.name(scheme));
        };
    }
}

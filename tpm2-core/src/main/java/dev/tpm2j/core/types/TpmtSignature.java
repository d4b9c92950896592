package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMT_SIGNATURE: a signature algorithm and its body (Certify and Quote return one). */
public record TpmtSignature(int sigAlg, TpmuSignature signature) implements TpmMarshallable {
    /** The empty body of a TPM_ALG_NULL signature. */
    public record NullSignature() implements TpmuSignature {
        @Override
        public void marshal(TpmWriter w) {
        }
    }

    public static final TpmtSignature NULL = new TpmtSignature(TpmAlgId.NULL, new NullSignature());

    public TpmtSignature {
        boolean ok = switch (sigAlg) {
            case TpmAlgId.RSASSA, TpmAlgId.RSAPSS -> signature instanceof TpmsSignatureRsa;
            case TpmAlgId.ECDSA, TpmAlgId.ECDAA, TpmAlgId.SM2, TpmAlgId.ECSCHNORR ->
                    signature instanceof TpmsSignatureEcc;
            case TpmAlgId.HMAC -> signature instanceof TpmtHa;
            case TpmAlgId.NULL -> signature instanceof NullSignature;
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("signature body does not match " + TpmAlgId.name(sigAlg));
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(sigAlg);
        signature.marshal(w);
    }

    public static TpmtSignature read(TpmReader r) {
        String s = "TPMT_SIGNATURE";
        int at = r.offset();
        int alg = r.u16(s);
        return switch (alg) {
            case TpmAlgId.RSASSA, TpmAlgId.RSAPSS -> new TpmtSignature(alg, TpmsSignatureRsa.read(r));
            case TpmAlgId.ECDSA, TpmAlgId.ECDAA, TpmAlgId.SM2, TpmAlgId.ECSCHNORR ->
                    new TpmtSignature(alg, TpmsSignatureEcc.read(r));
            case TpmAlgId.HMAC -> new TpmtSignature(alg, TpmtHa.read(r));
            case TpmAlgId.NULL -> NULL;
            default -> throw r.errorAt(at, s, "unknown signature algorithm " + TpmAlgId.name(alg));
        };
    }
}

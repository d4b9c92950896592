package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMT_PUBLIC (Part 2 §12.2.4): the public area of an object — type, name algorithm, attributes, authorization
 * policy, algorithm parameters and unique identifier. The parameters and unique field must match the type.
 */
public record TpmtPublic(int type, int nameAlg, TpmaObject objectAttributes, Bytes authPolicy,
                         TpmuPublicParms parameters, TpmuPublicId unique) implements TpmMarshallable {
    public TpmtPublic {
        if (parameters.type() != type) {
            throw new IllegalArgumentException("parameters are for " + TpmAlgId.name(parameters.type())
                    + " but the type is " + TpmAlgId.name(type));
        }
        boolean uniqueOk = switch (type) {
            case TpmAlgId.RSA -> unique instanceof Tpm2bPublicKeyRsa;
            case TpmAlgId.ECC -> unique instanceof TpmsEccPoint;
            default -> unique instanceof Tpm2bDigest;
        };
        if (!uniqueOk) {
            throw new IllegalArgumentException("unique field does not match type " + TpmAlgId.name(type));
        }
        if (authPolicy.size() > Limits.DIGEST) {
            throw new IllegalArgumentException("authPolicy larger than " + Limits.DIGEST + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u16(type);
        w.u16(nameAlg);
        w.u32(objectAttributes.value());
        w.tpm2b(authPolicy);
        parameters.marshal(w);
        unique.marshal(w);
    }

    public static TpmtPublic read(TpmReader r) {
        String s = "TPMT_PUBLIC";
        int at = r.offset();
        int type = r.u16(s);
        int nameAlg = r.u16(s);
        TpmaObject attrs = new TpmaObject(r.u32(s));
        Bytes policy = r.tpm2b("TPMT_PUBLIC.authPolicy", Limits.DIGEST);
        return switch (type) {
            case TpmAlgId.RSA -> new TpmtPublic(type, nameAlg, attrs, policy, TpmsRsaParms.read(r),
                    Tpm2bPublicKeyRsa.read(r));
            case TpmAlgId.ECC -> new TpmtPublic(type, nameAlg, attrs, policy, TpmsEccParms.read(r),
                    TpmsEccPoint.read(r));
            case TpmAlgId.KEYEDHASH -> new TpmtPublic(type, nameAlg, attrs, policy, TpmsKeyedHashParms.read(r),
                    Tpm2bDigest.read(r));
            case TpmAlgId.SYMCIPHER -> new TpmtPublic(type, nameAlg, attrs, policy, TpmsSymCipherParms.read(r),
                    Tpm2bDigest.read(r));
            default -> throw r.errorAt(at, s, "unknown object type " + TpmAlgId.name(type));
        };
    }

    /** A copy with another unique field (e.g. an EK template with a nonce applied). */
    public TpmtPublic withUnique(TpmuPublicId newUnique) {
        return new TpmtPublic(type, nameAlg, objectAttributes, authPolicy, parameters, newUnique);
    }
}

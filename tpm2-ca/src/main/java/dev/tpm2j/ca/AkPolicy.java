package dev.tpm2j.ca;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier demands of an attestation key before it issues a challenge: the claimed name must be the name of
 * the public area; the key must be a restricted signing key bound to its TPM (fixedTPM, fixedParent,
 * sensitiveDataOrigin) that cannot decrypt; and its type, size and scheme must be acceptable (RSA 2048/3072 with
 * RSASSA or RSAPSS, ECC P-256/P-384 with ECDSA; SHA-256 or stronger); and the key itself must be what the
 * parameters declare (an RSA modulus of exactly keyBits bits, odd, without small factors; an ECC point on the named
 * curve that is not the identity).
 */
public final class AkPolicy {
    private AkPolicy() {
    }

    /** Every reason the AK is unacceptable; empty when it passes. */
    public static List<String> problems(TpmtPublic ak, Bytes claimedName) {
        List<String> p = new ArrayList<>();
        if (!TpmAlgId.isHash(ak.nameAlg()) || ak.nameAlg() == TpmAlgId.SHA1) {
            p.add("nameAlg " + TpmAlgId.name(ak.nameAlg()) + " is not an acceptable name algorithm");
        } else if (!Names.object(ak).equals(claimedName)) {
            p.add("the claimed AK name " + claimedName.toHex() + " is not the name of the AK public area ("
                    + Names.object(ak).toHex() + ")");
        }
        TpmaObject a = ak.objectAttributes();
        String[] names = {"restricted", "sign", "fixedTPM", "fixedParent", "sensitiveDataOrigin"};
        int[] bits = {TpmaObject.RESTRICTED, TpmaObject.SIGN_ENCRYPT, TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
                TpmaObject.SENSITIVE_DATA_ORIGIN};
        for (int i = 0; i < bits.length; i++) {
            if (!a.has(bits[i])) {
                p.add("the AK lacks " + names[i]);
            }
        }
        if (a.has(TpmaObject.DECRYPT)) {
            p.add("the AK has decrypt set: an attestation key must not be able to decrypt");
        }
        if (ak.parameters() instanceof TpmsRsaParms r) {
            if (r.keyBits() != 2048 && r.keyBits() != 3072) {
                p.add("RSA " + r.keyBits() + " is not an accepted AK size (2048 or 3072)");
            }
            if (r.scheme().scheme() != TpmAlgId.RSASSA && r.scheme().scheme() != TpmAlgId.RSAPSS) {
                p.add("RSA AK scheme " + TpmAlgId.name(r.scheme().scheme()) + " is not RSASSA or RSAPSS");
            } else if (!strongHash(r.scheme().hashAlg())) {
                p.add("AK signing hash " + TpmAlgId.name(r.scheme().hashAlg()) + " is too weak");
            }
            if (r.effectiveExponent() != 65537) {
                p.add("RSA AK exponent " + r.effectiveExponent() + " is not 65537");
            }
            if (ak.unique() instanceof Tpm2bPublicKeyRsa n) {
                p.addAll(KeyMaterial.rsaModulusProblems(n.buffer().toByteArray(), r.keyBits(), "AK"));
            }
        } else if (ak.parameters() instanceof TpmsEccParms e) {
            if (e.curveId() != TpmEccCurve.NIST_P256 && e.curveId() != TpmEccCurve.NIST_P384) {
                p.add("curve " + TpmEccCurve.name(e.curveId()) + " is not an accepted AK curve (P-256, P-384)");
            }
            if (ak.unique() instanceof TpmsEccPoint q) {
                p.addAll(KeyMaterial.eccPointProblems(q.x().toByteArray(), q.y().toByteArray(), e.curveId(), "AK"));
            }
            if (e.scheme().scheme() != TpmAlgId.ECDSA) {
                p.add("ECC AK scheme " + TpmAlgId.name(e.scheme().scheme()) + " is not ECDSA");
            } else if (!strongHash(e.scheme().hashAlg())) {
                p.add("AK signing hash " + TpmAlgId.name(e.scheme().hashAlg()) + " is too weak");
            }
        } else {
            p.add("an AK must be an RSA or ECC key, not " + TpmAlgId.name(ak.type()));
        }
        return p;
    }

    private static boolean strongHash(int alg) {
        return alg == TpmAlgId.SHA256 || alg == TpmAlgId.SHA384 || alg == TpmAlgId.SHA512;
    }
}

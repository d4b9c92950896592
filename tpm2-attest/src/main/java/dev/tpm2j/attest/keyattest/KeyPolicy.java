package dev.tpm2j.attest.keyattest;

import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;

/**
 * What a key must be for a CA to certify it as TPM-resident: fixedTPM, fixedParent and sensitiveDataOrigin (created
 * inside this TPM and never exportable), an RSA key of at least 2048 bits or an ECC key on P-256, P-384 or P-521, able
 * to sign or decrypt (a CA certifies only the uses the attributes allow), and not restricted unless the CA allows it.
 *
 * @param allowRestricted whether restricted keys (AKs, storage keys) may be attested
 */
public record KeyPolicy(boolean allowRestricted) {
    /** The smallest RSA key certified. */
    public static final int MIN_RSA_BITS = 2048;
    /** The ECC curves certified. */
    public static final java.util.Set<Integer> CURVES = java.util.Set.of(TpmEccCurve.NIST_P256, TpmEccCurve.NIST_P384,
            TpmEccCurve.NIST_P521);

    /** The usual policy: unrestricted keys only. */
    public static final KeyPolicy DEFAULT = new KeyPolicy(false);

    /** Null when the key meets the policy, else why not. */
    public String problem(TpmtPublic key) {
        int a = key.objectAttributes().value();
        if ((a & TpmaObject.FIXED_TPM) == 0) {
            return "the key is not fixedTPM (it could be duplicated out of the TPM)";
        }
        if ((a & TpmaObject.FIXED_PARENT) == 0) {
            return "the key is not fixedParent";
        }
        if ((a & TpmaObject.SENSITIVE_DATA_ORIGIN) == 0) {
            return "the key is not sensitiveDataOrigin (its private part was imported, not made by the TPM)";
        }
        if ((a & TpmaObject.RESTRICTED) != 0 && !allowRestricted) {
            return "the key is restricted and the policy does not allow restricted keys";
        }
        if (key.type() != TpmAlgId.RSA && key.type() != TpmAlgId.ECC) {
            return "the key is a " + TpmAlgId.name(key.type()) + " object, not an RSA or ECC key";
        }
        if ((a & (TpmaObject.SIGN_ENCRYPT | TpmaObject.DECRYPT)) == 0) {
            return "the key can neither sign nor decrypt";
        }
        if (key.parameters() instanceof TpmsRsaParms r && r.keyBits() < MIN_RSA_BITS) {
            return "RSA " + r.keyBits() + " is below the minimum of " + MIN_RSA_BITS + " bits";
        }
        if (key.parameters() instanceof TpmsEccParms e && !CURVES.contains(e.curveId())) {
            return "curve " + TpmEccCurve.name(e.curveId()) + " is not one of P-256, P-384, P-521";
        }
        return null;
    }
}

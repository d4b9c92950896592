package dev.tpm2j.core.templates;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSymDef;

/**
 * Common non-EK templates: the TCG "standard" storage root key (SRK) and restricted signing attestation keys (AK)
 * in the shape Windows and tpm2-tools create them.
 */
public final class KeyTemplates {
    private KeyTemplates() {
    }

    /** fixedTPM|fixedParent|sensitiveDataOrigin|userWithAuth|noDA|restricted|decrypt. */
    public static final TpmaObject SRK_ATTRIBUTES = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
            TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH, TpmaObject.NO_DA, TpmaObject.RESTRICTED,
            TpmaObject.DECRYPT);
    /** fixedTPM|fixedParent|sensitiveDataOrigin|userWithAuth|restricted|sign. */
    public static final TpmaObject AK_ATTRIBUTES = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
            TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH, TpmaObject.RESTRICTED,
            TpmaObject.SIGN_ENCRYPT);

    /** RSA 2048 storage root key, AES-128-CFB, SHA-256 (owner hierarchy primary). */
    public static final TpmtPublic SRK_RSA2048 = new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, SRK_ATTRIBUTES,
            Bytes.EMPTY, new TpmsRsaParms(TpmtSymDef.AES_128_CFB, TpmtRsaScheme.NULL, 2048, 0),
            new Tpm2bPublicKeyRsa(Bytes.EMPTY));

    /** ECC P-256 storage root key, AES-128-CFB, SHA-256. */
    public static final TpmtPublic SRK_ECC_P256 = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, SRK_ATTRIBUTES,
            Bytes.EMPTY, new TpmsEccParms(TpmtSymDef.AES_128_CFB, TpmtEccScheme.NULL, TpmEccCurve.NIST_P256,
            TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.EMPTY, Bytes.EMPTY));

    /** RSA 2048 restricted signing key, RSASSA-SHA256. */
    public static final TpmtPublic AK_RSA2048 = new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, AK_ATTRIBUTES,
            Bytes.EMPTY, new TpmsRsaParms(TpmtSymDef.NULL, new TpmtRsaScheme(TpmAlgId.RSASSA, TpmAlgId.SHA256), 2048,
            0), new Tpm2bPublicKeyRsa(Bytes.EMPTY));

    /** ECC P-256 restricted signing key, ECDSA-SHA256. */
    public static final TpmtPublic AK_ECC_P256 = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, AK_ATTRIBUTES,
            Bytes.EMPTY, new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.of(TpmAlgId.ECDSA, TpmAlgId.SHA256),
            TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.EMPTY, Bytes.EMPTY));
}

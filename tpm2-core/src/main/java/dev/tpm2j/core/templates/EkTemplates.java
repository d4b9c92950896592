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
 * The default EK templates of the TCG EK Credential Profile (low range L-1/L-2, high range H-1…H-7 except the SM2
 * template H-5) as ready-made TPMT_PUBLIC values. An EK created from any other template will not match its
 * certificate.
 */
public final class EkTemplates {
    private EkTemplates() {
    }

    /** fixedTPM|fixedParent|sensitiveDataOrigin|adminWithPolicy|restricted|decrypt (0x000300B2). */
    public static final TpmaObject LOW_RANGE_ATTRIBUTES = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
            TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.ADMIN_WITH_POLICY, TpmaObject.RESTRICTED, TpmaObject.DECRYPT);
    /** The low-range attributes plus userWithAuth (0x000300F2). */
    public static final TpmaObject HIGH_RANGE_ATTRIBUTES = LOW_RANGE_ATTRIBUTES.with(TpmaObject.USER_WITH_AUTH);

    /** L-1: RSA 2048, SHA-256, PolicyA, AES-128-CFB, unique = 256 zero bytes. NV cert 0x01C00002. */
    public static final TpmtPublic L1_RSA2048 = rsa(TpmAlgId.SHA256, LOW_RANGE_ATTRIBUTES,
            EkPolicies.policyA(TpmAlgId.SHA256), TpmtSymDef.AES_128_CFB, 2048, Bytes.zeros(256));
    /** L-2: ECC NIST P-256, SHA-256, PolicyA, AES-128-CFB, unique = 32+32 zero bytes. NV cert 0x01C0000A. */
    public static final TpmtPublic L2_ECC_P256 = ecc(TpmAlgId.SHA256, LOW_RANGE_ATTRIBUTES,
            EkPolicies.policyA(TpmAlgId.SHA256), TpmtSymDef.AES_128_CFB, TpmEccCurve.NIST_P256, Bytes.zeros(32));
    /** H-1: RSA 2048, SHA-256, PolicyB-256, AES-128-CFB, empty unique. NV cert 0x01C00012. */
    public static final TpmtPublic H1_RSA2048 = rsa(TpmAlgId.SHA256, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA256), TpmtSymDef.AES_128_CFB, 2048, Bytes.EMPTY);
    /** H-2: ECC NIST P-256, SHA-256, PolicyB-256, AES-128-CFB. NV cert 0x01C00014. */
    public static final TpmtPublic H2_ECC_P256 = ecc(TpmAlgId.SHA256, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA256), TpmtSymDef.AES_128_CFB, TpmEccCurve.NIST_P256, Bytes.EMPTY);
    /** H-3: ECC NIST P-384, SHA-384, PolicyB-384, AES-256-CFB. NV cert 0x01C00016. */
    public static final TpmtPublic H3_ECC_P384 = ecc(TpmAlgId.SHA384, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA384), TpmtSymDef.AES_256_CFB, TpmEccCurve.NIST_P384, Bytes.EMPTY);
    /** H-4: ECC NIST P-521, SHA-512, PolicyB-512, AES-256-CFB. NV cert 0x01C00018. */
    public static final TpmtPublic H4_ECC_P521 = ecc(TpmAlgId.SHA512, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA512), TpmtSymDef.AES_256_CFB, TpmEccCurve.NIST_P521, Bytes.EMPTY);
    /** H-6: RSA 3072, SHA-384, PolicyB-384, AES-256-CFB. NV cert 0x01C0001C. */
    public static final TpmtPublic H6_RSA3072 = rsa(TpmAlgId.SHA384, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA384), TpmtSymDef.AES_256_CFB, 3072, Bytes.EMPTY);
    /** H-7: RSA 4096, SHA-384, PolicyB-384, AES-256-CFB. NV cert 0x01C0001E. */
    public static final TpmtPublic H7_RSA4096 = rsa(TpmAlgId.SHA384, HIGH_RANGE_ATTRIBUTES,
            EkPolicies.policyB(TpmAlgId.SHA384), TpmtSymDef.AES_256_CFB, 4096, Bytes.EMPTY);

    private static TpmtPublic rsa(int nameAlg, TpmaObject attrs, Bytes policy, TpmtSymDef sym, int bits,
                                  Bytes unique) {
        return new TpmtPublic(TpmAlgId.RSA, nameAlg, attrs, policy, new TpmsRsaParms(sym, TpmtRsaScheme.NULL, bits, 0),
                new Tpm2bPublicKeyRsa(unique));
    }

    private static TpmtPublic ecc(int nameAlg, TpmaObject attrs, Bytes policy, TpmtSymDef sym, int curve,
                                  Bytes coordinate) {
        return new TpmtPublic(TpmAlgId.ECC, nameAlg, attrs, policy,
                new TpmsEccParms(sym, TpmtEccScheme.NULL, curve, TpmtKdfScheme.NULL),
                new TpmsEccPoint(coordinate, coordinate));
    }
}

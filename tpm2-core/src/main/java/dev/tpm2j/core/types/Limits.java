package dev.tpm2j.core.types;

/**
 * Spec maxima of the sized structures (Part 2, with the reference implementation's common values), checked by every
 * reader before allocating.
 */
public final class Limits {
    private Limits() {
    }

    /** TPM2B_DIGEST, TPM2B_NONCE, TPM2B_AUTH: sizeof(TPMU_HA). */
    public static final int DIGEST = 64;
    /** TPM2B_DATA: sizeof(TPMT_HA). */
    public static final int DATA = 66;
    /** TPM2B_NAME: sizeof(TPMU_NAME). */
    public static final int NAME = 66;
    /** TPM2B_PUBLIC_KEY_RSA: MAX_RSA_KEY_BYTES. */
    public static final int RSA_KEY = 512;
    /** TPM2B_ECC_PARAMETER: MAX_ECC_KEY_BYTES (P-521). */
    public static final int ECC_PARAMETER = 66;
    /** TPM2B_MAX_NV_BUFFER: MAX_NV_BUFFER_SIZE. */
    public static final int NV_BUFFER = 2048;
    /** TPM2B_MAX_BUFFER: MAX_DIGEST_BUFFER. */
    public static final int MAX_BUFFER = 1024;
    /** TPM2B_SENSITIVE_DATA: MAX_SYM_DATA (and TPMS_DERIVE). */
    public static final int SENSITIVE_DATA = 256;
    /** TPM2B_ID_OBJECT: sizeof(TPMS_ID_OBJECT) = two TPM2B_DIGEST. */
    public static final int ID_OBJECT = 2 * (2 + DIGEST);
    /** TPM2B_ENCRYPTED_SECRET: sizeof(TPMU_ENCRYPTED_SECRET) (the RSA case dominates). */
    public static final int ENCRYPTED_SECRET = RSA_KEY;
    /** TPM2B_PUBLIC: sizeof(TPMT_PUBLIC) = type, nameAlg, attributes, authPolicy, largest parms, largest unique. */
    public static final int PUBLIC = 2 + 2 + 4 + (2 + DIGEST) + 18 + (2 + RSA_KEY);
    /** TPM2B_NV_PUBLIC: sizeof(TPMS_NV_PUBLIC). */
    public static final int NV_PUBLIC = 4 + 2 + 4 + (2 + DIGEST) + 2;
    /** TPM2B_SENSITIVE_CREATE: sizeof(TPMS_SENSITIVE_CREATE). */
    public static final int SENSITIVE_CREATE = (2 + DIGEST) + (2 + SENSITIVE_DATA);
    /** TPM2B_CREATION_DATA and TPM2B_ATTEST: bounded by the largest TPM response. */
    public static final int CREATION_DATA = 1024;
    public static final int ATTEST = 4096;
    /** TPM2B_PRIVATE: sizeof(_PRIVATE). */
    public static final int PRIVATE = 2 + DIGEST + 2 + 2 + 2 + DIGEST + 2 + 2 * 512;
    /** PCR_SELECT_MAX: bytes of a PCR bitmap. */
    public static final int PCR_SELECT = 4;
    /** HASH_COUNT bound for TPML_PCR_SELECTION and TPML_DIGEST_VALUES. */
    public static final int PCR_SELECTIONS = 16;
    /** TPML_DIGEST: 8 digests (PolicyOR takes 2..8). */
    public static final int DIGESTS = 8;
    /** MAX_CAP_DATA = MAX_CAP_BUFFER (1024) − capability (4) − count (4). */
    public static final int CAP_DATA = 1024 - 8;
    public static final int CAP_HANDLES = CAP_DATA / 4;
    public static final int CAP_TPM_PROPERTIES = CAP_DATA / 8;
    public static final int CAP_ALGS = CAP_DATA / 6;
    public static final int CAP_CC = CAP_DATA / 4;
    public static final int CAP_ECC_CURVES = CAP_DATA / 2;
}

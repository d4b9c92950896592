package dev.tpm2j.core.types;

import java.util.Map;

/** TPM_ALG_ID constants (Part 2 §6.3) with their spec names and, for hashes, digest sizes. */
public final class TpmAlgId {
    private TpmAlgId() {
    }

    public static final int ERROR = 0x0000;
    public static final int RSA = 0x0001;
    public static final int TDES = 0x0003;
    public static final int SHA1 = 0x0004;
    public static final int HMAC = 0x0005;
    public static final int AES = 0x0006;
    public static final int MGF1 = 0x0007;
    public static final int KEYEDHASH = 0x0008;
    public static final int XOR = 0x000A;
    public static final int SHA256 = 0x000B;
    public static final int SHA384 = 0x000C;
    public static final int SHA512 = 0x000D;
    public static final int NULL = 0x0010;
    public static final int SM3_256 = 0x0012;
    public static final int SM4 = 0x0013;
    public static final int RSASSA = 0x0014;
    public static final int RSAES = 0x0015;
    public static final int RSAPSS = 0x0016;
    public static final int OAEP = 0x0017;
    public static final int ECDSA = 0x0018;
    public static final int ECDH = 0x0019;
    public static final int ECDAA = 0x001A;
    public static final int SM2 = 0x001B;
    public static final int ECSCHNORR = 0x001C;
    public static final int ECMQV = 0x001D;
    public static final int KDF1_SP800_56A = 0x0020;
    public static final int KDF2 = 0x0021;
    public static final int KDF1_SP800_108 = 0x0022;
    public static final int ECC = 0x0023;
    public static final int SYMCIPHER = 0x0025;
    public static final int CAMELLIA = 0x0026;
    public static final int SHA3_256 = 0x0027;
    public static final int SHA3_384 = 0x0028;
    public static final int SHA3_512 = 0x0029;
    public static final int CTR = 0x0040;
    public static final int OFB = 0x0041;
    public static final int CBC = 0x0042;
    public static final int CFB = 0x0043;
    public static final int ECB = 0x0044;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ERROR, "TPM_ALG_ERROR"), Map.entry(RSA, "TPM_ALG_RSA"), Map.entry(TDES, "TPM_ALG_TDES"),
            Map.entry(SHA1, "TPM_ALG_SHA1"), Map.entry(HMAC, "TPM_ALG_HMAC"), Map.entry(AES, "TPM_ALG_AES"),
            Map.entry(MGF1, "TPM_ALG_MGF1"), Map.entry(KEYEDHASH, "TPM_ALG_KEYEDHASH"), Map.entry(XOR, "TPM_ALG_XOR"),
            Map.entry(SHA256, "TPM_ALG_SHA256"), Map.entry(SHA384, "TPM_ALG_SHA384"),
            Map.entry(SHA512, "TPM_ALG_SHA512"), Map.entry(NULL, "TPM_ALG_NULL"), Map.entry(SM3_256, "TPM_ALG_SM3_256"),
            Map.entry(SM4, "TPM_ALG_SM4"), Map.entry(RSASSA, "TPM_ALG_RSASSA"), Map.entry(RSAES, "TPM_ALG_RSAES"),
            Map.entry(RSAPSS, "TPM_ALG_RSAPSS"), Map.entry(OAEP, "TPM_ALG_OAEP"), Map.entry(ECDSA, "TPM_ALG_ECDSA"),
            Map.entry(ECDH, "TPM_ALG_ECDH"), Map.entry(ECDAA, "TPM_ALG_ECDAA"), Map.entry(SM2, "TPM_ALG_SM2"),
            Map.entry(ECSCHNORR, "TPM_ALG_ECSCHNORR"), Map.entry(ECMQV, "TPM_ALG_ECMQV"),
            Map.entry(KDF1_SP800_56A, "TPM_ALG_KDF1_SP800_56A"), Map.entry(KDF2, "TPM_ALG_KDF2"),
            Map.entry(KDF1_SP800_108, "TPM_ALG_KDF1_SP800_108"), Map.entry(ECC, "TPM_ALG_ECC"),
            Map.entry(SYMCIPHER, "TPM_ALG_SYMCIPHER"), Map.entry(CAMELLIA, "TPM_ALG_CAMELLIA"),
            Map.entry(SHA3_256, "TPM_ALG_SHA3_256"), Map.entry(SHA3_384, "TPM_ALG_SHA3_384"),
            Map.entry(SHA3_512, "TPM_ALG_SHA3_512"), Map.entry(CTR, "TPM_ALG_CTR"), Map.entry(OFB, "TPM_ALG_OFB"),
            Map.entry(CBC, "TPM_ALG_CBC"), Map.entry(CFB, "TPM_ALG_CFB"), Map.entry(ECB, "TPM_ALG_ECB"));

    /** The spec name, e.g. {@code TPM_ALG_SHA256}, or {@code TPM_ALG_0x1234} for an id the spec does not define. */
    public static String name(int alg) {
        String n = NAMES.get(alg);
        return n != null ? n : String.format("TPM_ALG_0x%04x", alg);
    }

    public static boolean isKnown(int alg) {
        return NAMES.containsKey(alg);
    }

    /** True for the hash algorithms tpm2j can compute. */
    public static boolean isHash(int alg) {
        return alg == SHA1 || alg == SHA256 || alg == SHA384 || alg == SHA512;
    }

    /** Digest size in bytes of a hash algorithm; 0 for TPM_ALG_NULL; -1 for anything else. */
    public static int digestSize(int alg) {
        return switch (alg) {
            case SHA1 -> 20;
            case SHA256, SM3_256, SHA3_256 -> 32;
            case SHA384, SHA3_384 -> 48;
            case SHA512, SHA3_512 -> 64;
            case NULL -> 0;
            default -> -1;
        };
    }
}

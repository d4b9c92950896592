package dev.tpm2j.core.types;

/** TPM_ECC_CURVE identifiers (Part 2 §6.4) and their coordinate sizes. */
public final class TpmEccCurve {
    private TpmEccCurve() {
    }

    public static final int NONE = 0x0000;
    public static final int NIST_P192 = 0x0001;
    public static final int NIST_P224 = 0x0002;
    public static final int NIST_P256 = 0x0003;
    public static final int NIST_P384 = 0x0004;
    public static final int NIST_P521 = 0x0005;
    public static final int BN_P256 = 0x0010;
    public static final int BN_P638 = 0x0011;
    public static final int SM2_P256 = 0x0020;

    public static String name(int curve) {
        return switch (curve) {
            case NIST_P192 -> "NIST_P192";
            case NIST_P224 -> "NIST_P224";
            case NIST_P256 -> "NIST_P256";
            case NIST_P384 -> "NIST_P384";
            case NIST_P521 -> "NIST_P521";
            case BN_P256 -> "BN_P256";
            case BN_P638 -> "BN_P638";
            case SM2_P256 -> "SM2_P256";
            default -> String.format("TPM_ECC_0x%04x", curve);
        };
    }

    /** Coordinate size in bytes, or -1 for a curve tpm2j does not know. */
    public static int coordinateSize(int curve) {
        return switch (curve) {
            case NIST_P192 -> 24;
            case NIST_P224 -> 28;
            case NIST_P256, BN_P256, SM2_P256 -> 32;
            case NIST_P384 -> 48;
            case NIST_P521 -> 66;
            case BN_P638 -> 80;
            default -> -1;
        };
    }
}

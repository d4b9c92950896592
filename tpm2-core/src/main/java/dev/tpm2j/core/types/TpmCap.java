package dev.tpm2j.core.types;

/** TPM_CAP capability selectors (Part 2 §6.12). */
public final class TpmCap {
    private TpmCap() {
    }

    public static final int ALGS = 0;
    public static final int HANDLES = 1;
    public static final int COMMANDS = 2;
    public static final int PP_COMMANDS = 3;
    public static final int AUDIT_COMMANDS = 4;
    public static final int PCRS = 5;
    public static final int TPM_PROPERTIES = 6;
    public static final int PCR_PROPERTIES = 7;
    public static final int ECC_CURVES = 8;

    public static String name(int cap) {
        return switch (cap) {
            case ALGS -> "TPM_CAP_ALGS";
            case HANDLES -> "TPM_CAP_HANDLES";
            case COMMANDS -> "TPM_CAP_COMMANDS";
            case PP_COMMANDS -> "TPM_CAP_PP_COMMANDS";
            case AUDIT_COMMANDS -> "TPM_CAP_AUDIT_COMMANDS";
            case PCRS -> "TPM_CAP_PCRS";
            case TPM_PROPERTIES -> "TPM_CAP_TPM_PROPERTIES";
            case PCR_PROPERTIES -> "TPM_CAP_PCR_PROPERTIES";
            case ECC_CURVES -> "TPM_CAP_ECC_CURVES";
            default -> String.format("TPM_CAP_0x%08x", cap);
        };
    }
}

package dev.tpm2j.core.types;

/** TPM_HT handle types (the top byte of a handle, Part 2 §7.2) and helpers to classify handles. */
public final class TpmHt {
    private TpmHt() {
    }

    public static final int PCR = 0x00;
    public static final int NV_INDEX = 0x01;
    public static final int HMAC_SESSION = 0x02;
    public static final int POLICY_SESSION = 0x03;
    public static final int PERMANENT = 0x40;
    public static final int TRANSIENT = 0x80;
    public static final int PERSISTENT = 0x81;

    /** The handle type of {@code handle}. */
    public static int of(int handle) {
        return handle >>> 24;
    }

    /** The first handle of a type, for GetCapability(HANDLES). */
    public static int first(int type) {
        return type << 24;
    }

    public static String name(int type) {
        return switch (type) {
            case PCR -> "TPM_HT_PCR";
            case NV_INDEX -> "TPM_HT_NV_INDEX";
            case HMAC_SESSION -> "TPM_HT_HMAC_SESSION";
            case POLICY_SESSION -> "TPM_HT_POLICY_SESSION";
            case PERMANENT -> "TPM_HT_PERMANENT";
            case TRANSIENT -> "TPM_HT_TRANSIENT";
            case PERSISTENT -> "TPM_HT_PERSISTENT";
            default -> String.format("TPM_HT_0x%02x", type);
        };
    }
}

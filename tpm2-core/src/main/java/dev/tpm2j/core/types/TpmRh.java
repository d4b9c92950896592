package dev.tpm2j.core.types;

/** Permanent handles (TPM_RH / TPM_RS, Part 2 §7.4). Their TPM name is the handle itself. */
public final class TpmRh {
    private TpmRh() {
    }

    public static final int SRK = 0x40000000;
    public static final int OWNER = 0x40000001;
    public static final int NULL = 0x40000007;
    public static final int PW = 0x40000009;
    public static final int LOCKOUT = 0x4000000A;
    public static final int ENDORSEMENT = 0x4000000B;
    public static final int PLATFORM = 0x4000000C;
    public static final int PLATFORM_NV = 0x4000000D;

    public static String name(int handle) {
        return switch (handle) {
            case OWNER -> "TPM_RH_OWNER";
            case NULL -> "TPM_RH_NULL";
            case PW -> "TPM_RS_PW";
            case LOCKOUT -> "TPM_RH_LOCKOUT";
            case ENDORSEMENT -> "TPM_RH_ENDORSEMENT";
            case PLATFORM -> "TPM_RH_PLATFORM";
            case PLATFORM_NV -> "TPM_RH_PLATFORM_NV";
            default -> String.format("0x%08x", handle);
        };
    }
}

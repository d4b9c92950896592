package dev.tpm2j.core.types;

import java.util.Map;

/** TPM_PT property tags (Part 2 §6.13) tpm2j reads, with their spec names. */
public final class TpmPt {
    private TpmPt() {
    }

    public static final int FIXED = 0x100;
    public static final int FAMILY_INDICATOR = 0x100;
    public static final int LEVEL = 0x101;
    public static final int REVISION = 0x102;
    public static final int DAY_OF_YEAR = 0x103;
    public static final int YEAR = 0x104;
    public static final int MANUFACTURER = 0x105;
    public static final int VENDOR_STRING_1 = 0x106;
    public static final int VENDOR_STRING_2 = 0x107;
    public static final int VENDOR_STRING_3 = 0x108;
    public static final int VENDOR_STRING_4 = 0x109;
    public static final int VENDOR_TPM_TYPE = 0x10A;
    public static final int FIRMWARE_VERSION_1 = 0x10B;
    public static final int FIRMWARE_VERSION_2 = 0x10C;
    public static final int INPUT_BUFFER = 0x10D;
    public static final int HR_TRANSIENT_MIN = 0x10E;
    public static final int HR_PERSISTENT_MIN = 0x10F;
    public static final int HR_LOADED_MIN = 0x110;
    public static final int ACTIVE_SESSIONS_MAX = 0x111;
    public static final int PCR_COUNT = 0x112;
    public static final int NV_INDEX_MAX = 0x117;
    public static final int MAX_COMMAND_SIZE = 0x11E;
    public static final int MAX_RESPONSE_SIZE = 0x11F;
    public static final int MAX_DIGEST = 0x120;
    public static final int NV_BUFFER_MAX = 0x12C;
    public static final int MAX_CAP_BUFFER = 0x12E;
    public static final int VAR = 0x200;
    public static final int PERMANENT = 0x200;
    public static final int STARTUP_CLEAR = 0x201;
    public static final int HR_NV_INDEX = 0x202;
    /** TPM_PT_LOCKOUT_COUNTER: authorization failures counted by dictionary-attack protection. */
    public static final int LOCKOUT_COUNTER = 0x20E;
    public static final int HR_LOADED = 0x203;
    public static final int HR_LOADED_AVAIL = 0x204;
    public static final int HR_ACTIVE = 0x205;
    public static final int HR_ACTIVE_AVAIL = 0x206;
    public static final int HR_TRANSIENT_AVAIL = 0x207;
    public static final int HR_PERSISTENT = 0x208;
    public static final int HR_PERSISTENT_AVAIL = 0x209;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(FAMILY_INDICATOR, "TPM_PT_FAMILY_INDICATOR"), Map.entry(LEVEL, "TPM_PT_LEVEL"),
            Map.entry(REVISION, "TPM_PT_REVISION"), Map.entry(DAY_OF_YEAR, "TPM_PT_DAY_OF_YEAR"),
            Map.entry(YEAR, "TPM_PT_YEAR"), Map.entry(MANUFACTURER, "TPM_PT_MANUFACTURER"),
            Map.entry(VENDOR_STRING_1, "TPM_PT_VENDOR_STRING_1"), Map.entry(VENDOR_STRING_2, "TPM_PT_VENDOR_STRING_2"),
            Map.entry(VENDOR_STRING_3, "TPM_PT_VENDOR_STRING_3"), Map.entry(VENDOR_STRING_4, "TPM_PT_VENDOR_STRING_4"),
            Map.entry(VENDOR_TPM_TYPE, "TPM_PT_VENDOR_TPM_TYPE"),
            Map.entry(FIRMWARE_VERSION_1, "TPM_PT_FIRMWARE_VERSION_1"),
            Map.entry(FIRMWARE_VERSION_2, "TPM_PT_FIRMWARE_VERSION_2"), Map.entry(INPUT_BUFFER, "TPM_PT_INPUT_BUFFER"),
            Map.entry(HR_TRANSIENT_MIN, "TPM_PT_HR_TRANSIENT_MIN"),
            Map.entry(HR_PERSISTENT_MIN, "TPM_PT_HR_PERSISTENT_MIN"), Map.entry(HR_LOADED_MIN, "TPM_PT_HR_LOADED_MIN"),
            Map.entry(ACTIVE_SESSIONS_MAX, "TPM_PT_ACTIVE_SESSIONS_MAX"), Map.entry(PCR_COUNT, "TPM_PT_PCR_COUNT"),
            Map.entry(NV_INDEX_MAX, "TPM_PT_NV_INDEX_MAX"), Map.entry(MAX_COMMAND_SIZE, "TPM_PT_MAX_COMMAND_SIZE"),
            Map.entry(MAX_RESPONSE_SIZE, "TPM_PT_MAX_RESPONSE_SIZE"), Map.entry(MAX_DIGEST, "TPM_PT_MAX_DIGEST"),
            Map.entry(NV_BUFFER_MAX, "TPM_PT_NV_BUFFER_MAX"), Map.entry(MAX_CAP_BUFFER, "TPM_PT_MAX_CAP_BUFFER"),
            Map.entry(PERMANENT, "TPM_PT_PERMANENT"), Map.entry(STARTUP_CLEAR, "TPM_PT_STARTUP_CLEAR"),
            Map.entry(HR_NV_INDEX, "TPM_PT_HR_NV_INDEX"), Map.entry(HR_LOADED, "TPM_PT_HR_LOADED"),
            Map.entry(HR_LOADED_AVAIL, "TPM_PT_HR_LOADED_AVAIL"), Map.entry(HR_ACTIVE, "TPM_PT_HR_ACTIVE"),
            Map.entry(HR_ACTIVE_AVAIL, "TPM_PT_HR_ACTIVE_AVAIL"),
            Map.entry(HR_TRANSIENT_AVAIL, "TPM_PT_HR_TRANSIENT_AVAIL"),
            Map.entry(HR_PERSISTENT, "TPM_PT_HR_PERSISTENT"), Map.entry(HR_PERSISTENT_AVAIL, "TPM_PT_HR_PERSISTENT_AVAIL"));

    public static String name(int pt) {
        String n = NAMES.get(pt);
        return n != null ? n : String.format("TPM_PT_0x%08x", pt);
    }
}

package dev.tpm2j.core.types;

import java.util.ArrayList;
import java.util.List;

/** TPMA_NV (Part 2 §13.4): who may read and write an NV index, its type, and its state. */
public record TpmaNv(int value) {
    public static final int PPWRITE = 1;
    public static final int OWNERWRITE = 1 << 1;
    public static final int AUTHWRITE = 1 << 2;
    public static final int POLICYWRITE = 1 << 3;
    public static final int TPM_NT_MASK = 0xF0;
    public static final int POLICY_DELETE = 1 << 10;
    public static final int WRITELOCKED = 1 << 11;
    public static final int WRITEALL = 1 << 12;
    public static final int WRITEDEFINE = 1 << 13;
    public static final int WRITE_STCLEAR = 1 << 14;
    public static final int GLOBALLOCK = 1 << 15;
    public static final int PPREAD = 1 << 16;
    public static final int OWNERREAD = 1 << 17;
    public static final int AUTHREAD = 1 << 18;
    public static final int POLICYREAD = 1 << 19;
    public static final int NO_DA = 1 << 25;
    public static final int ORDERLY = 1 << 26;
    public static final int CLEAR_STCLEAR = 1 << 27;
    public static final int READLOCKED = 1 << 28;
    public static final int WRITTEN = 1 << 29;
    public static final int PLATFORMCREATE = 1 << 30;
    public static final int READ_STCLEAR = 1 << 31;

    /** TPM_NT values (bits 4–7). */
    public static final int NT_ORDINARY = 0;
    public static final int NT_COUNTER = 1;
    public static final int NT_BITS = 2;
    public static final int NT_EXTEND = 4;
    public static final int NT_PIN_FAIL = 8;
    public static final int NT_PIN_PASS = 9;

    private static final String[] NAMES = new String[32];

    static {
        NAMES[0] = "ppwrite";
        NAMES[1] = "ownerwrite";
        NAMES[2] = "authwrite";
        NAMES[3] = "policywrite";
        NAMES[10] = "policy_delete";
        NAMES[11] = "writelocked";
        NAMES[12] = "writeall";
        NAMES[13] = "writedefine";
        NAMES[14] = "write_stclear";
        NAMES[15] = "globallock";
        NAMES[16] = "ppread";
        NAMES[17] = "ownerread";
        NAMES[18] = "authread";
        NAMES[19] = "policyread";
        NAMES[25] = "no_da";
        NAMES[26] = "orderly";
        NAMES[27] = "clear_stclear";
        NAMES[28] = "readlocked";
        NAMES[29] = "written";
        NAMES[30] = "platformcreate";
        NAMES[31] = "read_stclear";
    }

    public static TpmaNv of(int... bits) {
        int v = 0;
        for (int b : bits) {
            v |= b;
        }
        return new TpmaNv(v);
    }

    public boolean has(int bits) {
        return (value & bits) == bits;
    }

    public TpmaNv with(int bits) {
        return new TpmaNv(value | bits);
    }

    public TpmaNv without(int bits) {
        return new TpmaNv(value & ~bits);
    }

    /** The TPM_NT index type (ordinary, counter, bits, extend, pin fail/pass). */
    public int type() {
        return (value & TPM_NT_MASK) >>> 4;
    }

    /** Names of the set bits in the style of tpm2-tools, with {@code nt=…} for a non-ordinary type. */
    public List<String> names() {
        List<String> out = new ArrayList<>(AttributeNames.names(Integer.toUnsignedLong(value), NAMES, TPM_NT_MASK));
        if (type() != NT_ORDINARY) {
            String nt = switch (type()) {
                case NT_COUNTER -> "counter";
                case NT_BITS -> "bits";
                case NT_EXTEND -> "extend";
                case NT_PIN_FAIL -> "pinfail";
                case NT_PIN_PASS -> "pinpass";
                default -> "0x" + Integer.toHexString(type());
            };
            out.add("nt=" + nt);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("|", names());
    }
}

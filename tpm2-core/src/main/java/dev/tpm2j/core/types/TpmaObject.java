package dev.tpm2j.core.types;

import java.util.List;

/** TPMA_OBJECT (Part 2 §8.3): what an object may be used for and how it is protected. */
public record TpmaObject(int value) {
    public static final int FIXED_TPM = 1 << 1;
    public static final int ST_CLEAR = 1 << 2;
    public static final int FIXED_PARENT = 1 << 4;
    public static final int SENSITIVE_DATA_ORIGIN = 1 << 5;
    public static final int USER_WITH_AUTH = 1 << 6;
    public static final int ADMIN_WITH_POLICY = 1 << 7;
    public static final int NO_DA = 1 << 10;
    public static final int ENCRYPTED_DUPLICATION = 1 << 11;
    public static final int RESTRICTED = 1 << 16;
    public static final int DECRYPT = 1 << 17;
    public static final int SIGN_ENCRYPT = 1 << 18;
    public static final int X509_SIGN = 1 << 19;

    private static final String[] NAMES = new String[32];

    static {
        NAMES[1] = "fixedtpm";
        NAMES[2] = "stclear";
        NAMES[4] = "fixedparent";
        NAMES[5] = "sensitivedataorigin";
        NAMES[6] = "userwithauth";
        NAMES[7] = "adminwithpolicy";
        NAMES[10] = "noda";
        NAMES[11] = "encryptedduplication";
        NAMES[16] = "restricted";
        NAMES[17] = "decrypt";
        NAMES[18] = "sign";
        NAMES[19] = "x509sign";
    }

    public static TpmaObject of(int... bits) {
        int v = 0;
        for (int b : bits) {
            v |= b;
        }
        return new TpmaObject(v);
    }

    public boolean has(int bits) {
        return (value & bits) == bits;
    }

    public TpmaObject with(int bits) {
        return new TpmaObject(value | bits);
    }

    public TpmaObject without(int bits) {
        return new TpmaObject(value & ~bits);
    }

    /** Names of the set bits, e.g. {@code [fixedtpm, fixedparent, …]}. */
    public List<String> names() {
        return AttributeNames.names(Integer.toUnsignedLong(value), NAMES, 0);
    }

    @Override
    public String toString() {
        return String.join("|", names());
    }
}

package dev.tpm2j.core.types;

import java.util.List;

/** TPMA_SESSION (Part 2 §8.4): per-command session flags. */
public record TpmaSession(int value) {
    public static final int CONTINUE_SESSION = 1;
    public static final int AUDIT_EXCLUSIVE = 1 << 1;
    public static final int AUDIT_RESET = 1 << 2;
    public static final int DECRYPT = 1 << 5;
    public static final int ENCRYPT = 1 << 6;
    public static final int AUDIT = 1 << 7;

    private static final String[] NAMES = {"continuesession", "auditexclusive", "auditreset", null, null, "decrypt",
            "encrypt", "audit"};

    public TpmaSession {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("TPMA_SESSION is 8 bits: " + value);
        }
    }

    public static TpmaSession of(int... bits) {
        int v = 0;
        for (int b : bits) {
            v |= b;
        }
        return new TpmaSession(v);
    }

    public boolean has(int bits) {
        return (value & bits) == bits;
    }

    public List<String> names() {
        return AttributeNames.names(value, NAMES, 0);
    }

    @Override
    public String toString() {
        return String.join("|", names());
    }
}

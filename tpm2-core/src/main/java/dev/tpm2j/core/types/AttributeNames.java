package dev.tpm2j.core.types;

import java.util.ArrayList;
import java.util.List;

/** Names the set bits of an attribute word, in bit order; bits without a name print as {@code bitN}. */
final class AttributeNames {
    private AttributeNames() {
    }

    static List<String> names(long value, String[] namesByBit, long ignoredMask) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < namesByBit.length; bit++) {
            long mask = 1L << bit;
            if ((value & mask) != 0 && (ignoredMask & mask) == 0) {
                out.add(namesByBit[bit] != null ? namesByBit[bit] : "bit" + bit);
            }
        }
        return out;
    }
}

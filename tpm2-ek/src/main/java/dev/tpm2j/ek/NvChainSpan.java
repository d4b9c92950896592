package dev.tpm2j.ek;

import dev.tpm2j.ek.EkInventory.NvIndex;

/**
 * Where one chain index's bytes lie in the concatenated NV chain: {@code length} bytes of {@code index} starting at
 * {@code offset}. A certificate split from the concatenation may span several indices; its source and provenance are
 * those of every span it overlaps.
 */
record NvChainSpan(NvIndex index, int offset, int length) {
    /** Whether bytes {@code [start, end)} of the concatenation overlap this span. */
    boolean overlaps(int start, int end) {
        return offset < end && start < offset + length;
    }
}

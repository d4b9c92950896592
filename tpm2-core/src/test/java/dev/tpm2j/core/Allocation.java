package dev.tpm2j.core;

import dev.tpm2j.fuzz.Untrusted;

/** Bytes allocated by the current thread and the allocation bound for untrusted input (see {@link Untrusted}). */
final class Allocation {
    private Allocation() {
    }

    static long allocatedBytes() {
        return Untrusted.allocatedBytes();
    }

    /** The allocation bound for parsing {@code inputLength} untrusted bytes; the same as {@link Untrusted#bound}. */
    static long bound(int inputLength) {
        return Untrusted.bound(inputLength);
    }
}

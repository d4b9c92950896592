package dev.tpm2j.core;

import java.lang.management.ManagementFactory;

/** Measures bytes allocated by the current thread (HotSpot), to check parsers never allocate by untrusted sizes. */
final class Allocation {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long allocatedBytes() {
        return BEAN.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The allocation bound for parsing {@code inputLength} untrusted bytes: every allocation is sized by checked
     * lengths, so the total is a small multiple of the input plus fixed overhead (exception messages, records).
     */
    static long bound(int inputLength) {
        return 256L * 1024 + 64L * inputLength;
    }
}

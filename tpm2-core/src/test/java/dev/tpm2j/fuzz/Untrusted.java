package dev.tpm2j.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;

/**
 * The oracle every {@code *FuzzTest} target shares: a parser handed untrusted bytes either returns, or throws one of
 * its documented typed exceptions (with a message); it never throws anything else, never allocates more than a
 * bound set by the input size, and never spends more than a bounded time on one input.
 *
 * <p>Use it from a {@code @FuzzTest} method: {@code Untrusted.parse(in, TpmtPublic::read-ish lambda,
 * TpmFormatException.class)}. The input is handled twice: the first run pays for class loading and static
 * initialization, which are not the input's doing; the second is measured (and a third, only to confirm a bound
 * exceeded on the second, so a GC pause on a loaded machine is no finding). This class lives in tpm2-core's test
 * jar ({@code <type>test-jar</type>}), so every module's fuzz tests use the same rules.
 */
public final class Untrusted {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Wall-clock bound for one input (generous: the machine is shared and the JIT may be cold). */
    public static final long MAX_MILLIS = Long.getLong("tpm2j.fuzz.maxMillis", 1000L);

    private Untrusted() {
    }

    /** A parser of untrusted bytes; it may throw anything, the oracle decides what is allowed. */
    @FunctionalInterface
    public interface Parser {
        /** Parses the input (the result is ignored; the caller asserts on it separately if it wants). */
        void parse(byte[] input) throws Exception;
    }

    /** Bytes allocated by the current thread so far (HotSpot). */
    public static long allocatedBytes() {
        return BEAN.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The allocation bound for handling {@code inputLength} untrusted bytes: every allocation is sized by checked
     * lengths, so the total is a small multiple of the input plus fixed overhead (exception messages, records).
     */
    public static long bound(int inputLength) {
        return 256L * 1024 + 64L * inputLength;
    }

    /**
     * Runs {@code parser} on {@code input} and fails the test unless it returns or throws one of {@code allowed}
     * with a non-empty message, within {@link #bound(int)} bytes allocated and {@link #MAX_MILLIS}.
     */
    @SafeVarargs
    public static void parse(String what, byte[] input, Parser parser, Class<? extends Exception>... allowed) {
        once(what, input, parser, allowed);
        long[] first = measured(what, input, parser, allowed);
        if (first[0] <= bound(input.length) && first[1] <= MAX_MILLIS) {
            return;
        }
        // Confirm before failing: a GC pause or a load spike on a shared machine is not the input's doing, a
        // quadratic loop or an allocation sized by an untrusted length happens again.
        long[] again = measured(what, input, parser, allowed);
        if (again[0] > bound(input.length)) {
            fail(what + " allocated " + again[0] + " bytes for " + input.length + " input bytes: " + hex(input));
        }
        if (again[1] > MAX_MILLIS) {
            fail(what + " took " + again[1] + " ms for " + input.length + " input bytes: " + hex(input));
        }
    }

    /** One measured run: {bytes allocated, milliseconds}. */
    @SafeVarargs
    private static long[] measured(String what, byte[] input, Parser parser, Class<? extends Exception>... allowed) {
        long before = allocatedBytes();
        long t0 = System.nanoTime();
        once(what, input, parser, allowed);
        return new long[] {allocatedBytes() - before, (System.nanoTime() - t0) / 1_000_000};
    }

    @SafeVarargs
    private static void once(String what, byte[] input, Parser parser, Class<? extends Exception>... allowed) {
        try {
            parser.parse(input);
        } catch (Exception e) {
            for (Class<? extends Exception> c : allowed) {
                if (c.isInstance(e)) {
                    if (e.getMessage() == null || e.getMessage().isEmpty()) {
                        fail(what + " threw " + c.getSimpleName() + " without a message", e);
                    }
                    return;
                }
            }
            fail(what + " threw " + e + " on " + hex(input), e);
        }
    }

    /** The input in hex, shortened for failure messages (Jazzer keeps the full input as a file anyway). */
    public static String hex(byte[] input) {
        String h = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return input.length > 512 ? h + "…(" + input.length + " bytes)" : h;
    }
}

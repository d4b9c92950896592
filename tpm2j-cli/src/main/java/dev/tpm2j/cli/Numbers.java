package dev.tpm2j.cli;

import java.util.Locale;

/**
 * Numbers given on the command line, parsed like tpm2-tools: {@code 0x…} is hexadecimal, anything else decimal, and
 * every value is range-checked (nothing is silently truncated). Errors are {@link IllegalArgumentException}s whose
 * message names the option (or the value) and the accepted range (the CLI turns them into exit code 2).
 */
final class Numbers {
    /** The first and last NV index handles (TPM_HT_NV_INDEX). */
    static final int NV_FIRST = 0x01000000;
    static final int NV_LAST = 0x01FFFFFF;

    private Numbers() {
    }

    /** Parses {@code s} as 0x-hex or decimal within {@code min..max}; {@code what} names it in errors. */
    static long parse(String what, String s, long min, long max) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        long v;
        try {
            if (t.startsWith("0x")) {
                if (t.length() == 2 || t.length() > 18) {
                    throw new NumberFormatException();
                }
                v = Long.parseUnsignedLong(t.substring(2), 16);
                if (v < 0) {
                    throw new NumberFormatException();
                }
            } else {
                if (!t.matches("-?[0-9]{1,18}")) {
                    throw new NumberFormatException();
                }
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            String hint = t.matches("[0-9a-f]+") && !t.matches("[0-9]+") ? " (hexadecimal needs 0x: 0x" + t + ")" : "";
            throw new IllegalArgumentException("'" + s + "' is not a " + (what.startsWith("--") ? "number for " + what
                    : what) + " (0x… is hexadecimal, anything else decimal)" + hint);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + s + " is outside " + format(min) + ".." + format(max));
        }
        return v;
    }

    private static String format(long v) {
        return v > 0xFFFF ? String.format("0x%x", v) : Long.toString(v);
    }

    /** A TPM handle: 32 bits, {@code 0x81010001} or decimal. */
    static int handle(String s) {
        return (int) parse("handle", s, 0, 0xFFFFFFFFL);
    }

    /** A TPM handle given with {@code option}, named in errors. */
    static int handle(String option, String s) {
        return (int) parse(option, s, 0, 0xFFFFFFFFL);
    }

    /** An NV index handle (0x01000000..0x01ffffff). */
    static int nvIndex(String s) {
        return (int) parse("NV index", s, NV_FIRST, NV_LAST);
    }
}

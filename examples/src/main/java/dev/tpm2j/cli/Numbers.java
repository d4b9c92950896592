package dev.tpm2j.cli;

/** Parsing of handles and response codes given on the command line. */
final class Numbers {
    private Numbers() {
    }

    /** 0x01c00100, 01c00100 or decimal. */
    static int handle(String s) {
        String t = s.strip().toLowerCase();
        try {
            if (t.startsWith("0x")) {
                return (int) Long.parseLong(t.substring(2), 16);
            }
            if (t.matches("[0-9a-f]{8}")) {
                return (int) Long.parseLong(t, 16);
            }
            return (int) Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a handle (use e.g. 0x01c00100)");
        }
    }
}

package dev.tpm2j.core;

import java.util.Arrays;

/**
 * Deterministic mutations of valid samples (bit flips, truncation, length-like fields forced to 0 / max / 2^31,
 * duplicated regions, inserted bytes): the seed-corpus writer uses them to add edge cases beside each valid sample,
 * so even the regression run (no fuzzing) exercises every parser's error paths.
 */
final class Mutations {
    private Mutations() {
    }

    static byte[] mutate(byte[] in, int kind, int a, int b, int rounds) {
        byte[] out = in.clone();
        for (int r = 0; r < rounds; r++) {
            out = once(out, (kind + r) % 6, a + 31 * r, b + 17 * r);
        }
        return out;
    }

    private static byte[] once(byte[] in, int kind, int a, int b) {
        if (in.length == 0) {
            return new byte[] {(byte) a};
        }
        int pos = Math.floorMod(a, in.length);
        byte[] out = in.clone();
        switch (kind) {
            case 0 -> out[pos] ^= (byte) (1 << Math.floorMod(b, 8));
            case 1 -> out = Arrays.copyOf(in, pos);
            case 2 -> {
                int[] values = {0, 0xFF, 0x7F, 0x80};
                out[pos] = (byte) values[Math.floorMod(b, values.length)];
                if (pos + 1 < out.length) {
                    out[pos + 1] = (byte) values[Math.floorMod(b >> 3, values.length)];
                }
            }
            case 3 -> {
                // a u32 length field set to 2^31 / 0xFFFFFFFF / 0
                int v = new int[] {0x80000000, 0xFFFFFFFF, 0, 0x7FFFFFFF}[Math.floorMod(b, 4)];
                for (int i = 0; i < 4 && pos + i < out.length; i++) {
                    out[pos + i] = (byte) (v >>> (24 - 8 * i));
                }
            }
            case 4 -> {
                int len = Math.min(in.length - pos, 1 + Math.floorMod(b, 32));
                out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, pos + len);
                System.arraycopy(in, pos, out, pos + len, in.length - pos);
            }
            default -> {
                out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, pos);
                out[pos] = (byte) b;
                System.arraycopy(in, pos, out, pos + 1, in.length - pos);
            }
        }
        return out;
    }
}

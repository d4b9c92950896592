package dev.tpm2j.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A {@link FuzzedDataProvider} drawing from a seeded {@link Random}, so {@link Gen} can make valid samples for the
 * seed corpus outside a fuzzing run (reproducible; nothing here is secret). {@code remainingBytes} counts down
 * from a budget so generators that stop at "no more data" still terminate.
 */
final class RandomData implements FuzzedDataProvider {
    private final Random r;
    private int budget;

    RandomData(long seed, int budget) {
        this.r = new Random(seed);
        this.budget = budget;
    }

    private int take(int n) {
        int k = Math.min(n, budget);
        budget -= k;
        return k;
    }

    @Override public boolean consumeBoolean() { take(1); return r.nextBoolean(); }
    @Override public boolean[] consumeBooleans(int n) {
        boolean[] b = new boolean[take(n)];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextBoolean();
        }
        return b;
    }
    @Override public byte consumeByte() { take(1); return (byte) r.nextInt(); }
    @Override public byte consumeByte(byte min, byte max) { return (byte) consumeInt(min, max); }
    @Override public byte[] consumeBytes(int n) {
        byte[] b = new byte[take(n)];
        r.nextBytes(b);
        return b;
    }
    @Override public byte[] consumeRemainingAsBytes() { return consumeBytes(budget); }
    @Override public short consumeShort() { take(2); return (short) r.nextInt(); }
    @Override public short consumeShort(short min, short max) { return (short) consumeInt(min, max); }
    @Override public short[] consumeShorts(int n) {
        short[] s = new short[take(2 * n) / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt();
        }
        return s;
    }
    @Override public int consumeInt() { take(4); return r.nextInt(); }
    @Override public int consumeInt(int min, int max) { return (int) consumeLong(min, max); }
    @Override public int[] consumeInts(int n) {
        int[] a = new int[take(4 * n) / 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt();
        }
        return a;
    }
    @Override public long consumeLong() { take(8); return r.nextLong(); }
    @Override public long consumeLong(long min, long max) {
        take(4);
        long span = max - min + 1;
        return span <= 0 ? r.nextLong() : min + Math.floorMod(r.nextLong(), span);
    }
    @Override public long[] consumeLongs(int n) {
        long[] a = new long[take(8 * n) / 8];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextLong();
        }
        return a;
    }
    @Override public float consumeFloat() { take(4); return r.nextFloat(); }
    @Override public float consumeRegularFloat() { return consumeFloat(); }
    @Override public float consumeRegularFloat(float min, float max) { return min + (max - min) * consumeFloat(); }
    @Override public float consumeProbabilityFloat() { return consumeFloat(); }
    @Override public double consumeDouble() { take(8); return r.nextDouble(); }
    @Override public double consumeRegularDouble() { return consumeDouble(); }
    @Override public double consumeRegularDouble(double min, double max) { return min + (max - min) * consumeDouble(); }
    @Override public double consumeProbabilityDouble() { return consumeDouble(); }
    @Override public char consumeChar() { take(2); return (char) r.nextInt(); }
    @Override public char consumeChar(char min, char max) { return (char) consumeInt(min, max); }
    @Override public char consumeCharNoSurrogates() { return consumeChar((char) 0, (char) 0xD7FF); }
    @Override public String consumeString(int n) { return consumeAsciiString(n); }
    @Override public String consumeRemainingAsString() { return consumeRemainingAsAsciiString(); }
    @Override public String consumeAsciiString(int n) {
        byte[] b = consumeBytes(n);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (b[i] & 0x7F);
        }
        return new String(b, StandardCharsets.US_ASCII);
    }
    @Override public String consumeRemainingAsAsciiString() { return consumeAsciiString(budget); }
    @Override public int remainingBytes() { return budget; }
}

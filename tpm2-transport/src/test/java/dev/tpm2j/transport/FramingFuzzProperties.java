package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The swtpm and mssim response framing readers on random and mutated byte streams: only IOException, never an
 * allocation sized by an untrusted length beyond the transport's cap.
 */
class FramingFuzzProperties {
    static final SwtpmTransport SWTPM = new SwtpmTransport("127.0.0.1", 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
            4096);
    static final MssimTransport MSSIM = new MssimTransport("127.0.0.1", 1, 0, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 4096);
    static final byte[] OK = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0};

    static void swtpm(byte[] in) {
        try {
            byte[] r = SWTPM.readResponse(new ByteArrayInputStream(in));
            assertTrue(r.length >= 10 && r.length <= 4096);
        } catch (IOException expected) {
            assertTrue(expected.getMessage() != null);
        }
    }

    static void mssim(byte[] in) {
        try {
            byte[] r = MSSIM.readFramedResponse(new DataInputStream(new ByteArrayInputStream(in)));
            assertTrue(r.length >= 10 && r.length <= 4096);
        } catch (IOException expected) {
            assertTrue(expected.getMessage() != null);
        }
    }

    static byte[] mssimFrame() {
        return ByteBuffer.allocate(4 + OK.length + 4).putInt(OK.length).put(OK).putInt(0).array();
    }

    static byte[] mutate(byte[] s, long seed) {
        Random r = new Random(seed);
        byte[] out = s.clone();
        int pos = r.nextInt(out.length);
        switch (r.nextInt(3)) {
            case 0 -> out[pos] ^= (byte) (1 << r.nextInt(8));
            case 1 -> out = java.util.Arrays.copyOf(out, pos);
            default -> out[pos] = (byte) new int[] {0, 0xFF, 0x80, 0x7F}[r.nextInt(4)];
        }
        return out;
    }

    @Property(tries = 3000)
    void swtpmRandom(@ForAll byte[] in) {
        swtpm(in);
    }

    @Property(tries = 3000)
    void swtpmMutated(@ForAll long seed) {
        swtpm(mutate(OK, seed));
    }

    @Property(tries = 3000)
    void mssimRandom(@ForAll byte[] in) {
        mssim(in);
    }

    @Property(tries = 3000)
    void mssimMutated(@ForAll long seed) {
        mssim(mutate(mssimFrame(), seed));
    }
}

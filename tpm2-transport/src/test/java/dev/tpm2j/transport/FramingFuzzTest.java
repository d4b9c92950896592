package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.fuzz.Untrusted;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * The swtpm and mssim response framing readers on untrusted byte streams: a response of 10 to 4096 bytes (the
 * transport's cap) or an {@link IOException} with a message; never another exception, never an allocation sized by
 * an untrusted length. Seeds: valid frames, the peer closing mid-response, 2^31 and 0xFFFFFFFF lengths.
 */
class FramingFuzzTest {
    static final SwtpmTransport SWTPM = new SwtpmTransport("127.0.0.1", 1, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 4096);
    static final MssimTransport MSSIM = new MssimTransport("127.0.0.1", 1, 0, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 4096);

    @FuzzTest
    void swtpmResponse(byte[] in) {
        Untrusted.parse("swtpm framing", in, b -> {
            byte[] r = SWTPM.readResponse(new ByteArrayInputStream(b));
            assertTrue(r.length >= 10 && r.length <= 4096, "response of " + r.length + " bytes");
        }, IOException.class);
    }

    @FuzzTest
    void mssimResponse(byte[] in) {
        Untrusted.parse("mssim framing", in, b -> {
            byte[] r = MSSIM.readFramedResponse(new DataInputStream(new ByteArrayInputStream(b)));
            assertTrue(r.length >= 10 && r.length <= 4096, "response of " + r.length + " bytes");
        }, IOException.class);
    }
}

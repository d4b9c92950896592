package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Crafted logs built to make a parser retain the most per input byte: the smallest possible events (one declared bank
 * with a one-byte digest, no data) or sixteen one-byte banks per event. A parsed log keeps at most about twice the
 * file (the copy of the bytes and four bytes of offset per event); the size limit refuses anything beyond it.
 */
class EventLogMemoryTest {
    private static final int SIZE = 8 << 20;

    /** A crypto-agile log of {@code SIZE} bytes whose header declares {@code banks} unknown one-byte-digest banks. */
    static byte[] crafted(int banks) {
        ByteBuffer spec = ByteBuffer.allocate(16 + 4 + 4 + 4 + 4 * banks + 1).order(ByteOrder.LITTLE_ENDIAN);
        spec.put("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 0).put((byte) 2)
                .put((byte) 0).put((byte) 2).putInt(banks);
        for (int i = 0; i < banks; i++) {
            spec.putShort((short) (0x7f00 + i)).putShort((short) 1);
        }
        spec.put((byte) 0);
        ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0).putInt(3).put(new byte[20]).putInt(spec.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        out.writeBytes(header.array());
        out.writeBytes(spec.array());
        ByteBuffer e = ByteBuffer.allocate(12 + 3 * banks + 4).order(ByteOrder.LITTLE_ENDIAN);
        e.putInt(1).putInt(0x0d).putInt(banks);
        for (int i = 0; i < banks; i++) {
            e.putShort((short) (0x7f00 + i)).put((byte) i);
        }
        e.putInt(0);
        while (out.size() + e.capacity() <= SIZE) {
            out.writeBytes(e.array());
        }
        return out.toByteArray();
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16})
    void aParsedLogRetainsAtMostTwiceItsSize(int banks) {
        byte[] log = crafted(banks);
        long before = usedHeap();
        EventLog parsed = EventLog.parse(log);
        long retained = usedHeap() - before;
        assertTrue(parsed.events().size() > SIZE / (16 + 3 * banks + 1), "events: " + parsed.events().size());
        assertTrue(retained < 2L * log.length, "a " + log.length + "-byte log retains " + retained + " bytes ("
                + (retained * 100 / log.length) + " %)");
        // the events are all there, decoded on access
        TcgEvent last = parsed.events().get(parsed.events().size() - 1);
        assertEquals(banks, last.digests().size());
        assertEquals(1, last.pcrIndex());
        Reference.reachabilityFence(parsed);
    }

    @Test
    void logsOverTheLimitAreRefusedBeforeParsing() {
        byte[] log = crafted(1);
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLog.parse(log, 1 << 20));
        assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
        assertEquals(16 << 20, EventLog.DEFAULT_MAX_BYTES);
        assertThrows(EventLogFormatException.class, () -> EventLog.parse(new byte[EventLog.DEFAULT_MAX_BYTES + 1]));
    }

    @Test
    void aStartupLocalityAfterPcr0WasExtendedIsRefused() {
        dev.tpm2j.attest.SyntheticLog log = new dev.tpm2j.attest.SyntheticLog()
                .add(dev.tpm2j.attest.SyntheticLog.Event.of(0, EventType.EV_S_CRTM_VERSION, new byte[2]))
                .add(new dev.tpm2j.attest.SyntheticLog.Event(0, EventType.EV_NO_ACTION,
                        "StartupLocality\0\3".getBytes(StandardCharsets.US_ASCII), new byte[20], new byte[32]));
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLog.parse(log.toBytes()));
        assertTrue(e.getMessage().contains("after PCR 0 was extended"), e.getMessage());
    }

    @Test
    void aSpecIdVersionOtherThan20IsRefused() {
        byte[] log = new dev.tpm2j.attest.SyntheticLog().toBytes();
        log[32 + 16 + 4 + 1] = 1; // specVersionMajor
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLog.parse(log));
        assertTrue(e.getMessage().contains("not 2.0"), e.getMessage());
    }
}

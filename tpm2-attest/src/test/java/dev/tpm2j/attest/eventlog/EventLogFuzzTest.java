package dev.tpm2j.attest.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the event log parser, replay and content decoding. Oracle: only {@link EventLogFormatException}
 * escapes; everything else (IndexOutOfBounds, NegativeArraySize, OutOfMemory, a hang) fails. Allocation is bounded
 * by the input: every length is checked against the bytes remaining first. Corpus: the real logs in testdata plus
 * edge cases, in EventLogFuzzTestInputs/parse.
 */
class EventLogFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        EventLog log;
        try {
            log = EventLog.parse(data);
        } catch (EventLogFormatException expected) {
            if (expected.offset() < 0 || expected.offset() > data.length) {
                throw new AssertionError("offset outside the input: " + expected.offset());
            }
            return;
        }
        if (log.events().size() > data.length / 16 + 1) {
            throw new AssertionError("more events than the input can hold");
        }
        log.replay();
        log.secureBoot(log.replay().extended());
        for (TcgEvent e : log.events()) {
            e.content();
        }
    }
}

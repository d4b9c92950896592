package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.types.TpmAlgId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spec ID header of a real crypto-agile log ({@code crypto_agile_eventlog.bin}: TCG_EfiSpecIDEvent at offset 32,
 * version 2.0, uintnSize 2, one bank, SHA-256) with one field changed: what a header may declare, and every refusal
 * naming the offset of the field in the log.
 */
class RealLogHeaderTest {
    private static final byte[] REAL = TestData.eventLogBytes("crypto_agile_eventlog.bin");
    /** Where the Spec ID event's data starts in the log (after PCRIndex, EventType, SHA-1 digest, EventSize). */
    private static final int SPEC = 32;

    private static byte[] withByte(int offset, int value) {
        byte[] log = REAL.clone();
        log[offset] = (byte) value;
        return log;
    }

    private static EventLogFormatException refused(byte[] log) {
        return assertThrows(EventLogFormatException.class, () -> EventLog.parse(log));
    }

    @Test
    void theRealHeaderDeclaresVersion20AndSha256() {
        LogFormat.CryptoAgile a = assertInstanceOf(LogFormat.CryptoAgile.class, EventLog.parse(REAL).format());
        assertEquals(2, a.specId().specVersionMajor());
        assertEquals(0, a.specId().specVersionMinor());
        assertEquals(2, a.specId().uintnSize());
        assertEquals(List.of(TpmAlgId.SHA256), a.specId().banks());
    }

    @Test
    void aSpecIdErrorNamesTheOffsetInTheLog() {
        // specVersionMinor is the 21st byte of the Spec ID data; the check runs once specErrata is read
        EventLogFormatException e = refused(withByte(SPEC + 20, 1));
        assertEquals("event log at offset " + (SPEC + 23) + ": Spec ID event: Spec ID version 2.1 is not 2.0",
                e.getMessage());
        assertEquals(SPEC + 23, e.offset());
    }

    @Test
    void uintnSizeIsOneOrTwo() {
        for (int uintn : new int[] {1, 2}) {
            LogFormat.CryptoAgile a = assertInstanceOf(LogFormat.CryptoAgile.class,
                    EventLog.parse(withByte(SPEC + 23, uintn)).format());
            assertEquals(uintn, a.specId().uintnSize());
        }
        for (int uintn : new int[] {0, 3}) {
            EventLogFormatException e = refused(withByte(SPEC + 23, uintn));
            assertTrue(e.getMessage().endsWith("Spec ID event: uintnSize must be 1 or 2, got " + uintn),
                    e.getMessage());
            assertEquals(SPEC + 24, e.offset());
        }
    }

    /** A log of the real header's first 24 bytes of Spec ID data with these (algorithm, size) banks, and no event. */
    private static byte[] header(int... algSize) {
        ByteBuffer spec = ByteBuffer.allocate(24 + 4 + 2 * algSize.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        spec.put(REAL, SPEC, 24).putInt(algSize.length / 2);
        for (int v : algSize) {
            spec.putShort((short) v);
        }
        spec.put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(REAL, SPEC - 4));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(spec.capacity()).array());
        out.writeBytes(spec.array());
        return out.toByteArray();
    }

    @Test
    void banksUpTo64ByteDigestsAndBanksTheVerifierCannotHashAreDeclarable() {
        EventLog log = EventLog.parse(header(TpmAlgId.SHA256, 32, TpmAlgId.SHA512, 64, 0x8001, 32));
        assertEquals(List.of(TpmAlgId.SHA256, TpmAlgId.SHA512, 0x8001), log.banks());
        ReplayedPcrs replayed = log.replay();
        assertTrue(replayed.hasBank(TpmAlgId.SHA512));
        assertFalse(replayed.hasBank(0x8001), "a bank the JDK cannot hash is not replayed");
    }

    @Test
    void aDigestSizeOutside1To64OrNotTheAlgorithmsIsRefused() {
        EventLogFormatException big = refused(header(0x8001, 65));
        assertTrue(big.getMessage().endsWith("digest size 65 for TPM_ALG_0x8001 is outside 1..64"), big.getMessage());
        EventLogFormatException zero = refused(header(0x8001, 0));
        assertTrue(zero.getMessage().endsWith("digest size 0 for TPM_ALG_0x8001 is outside 1..64"),
                zero.getMessage());
        EventLogFormatException wrong = refused(header(TpmAlgId.SHA256, 20));
        assertTrue(wrong.getMessage().endsWith("TPM_ALG_SHA256 declared with digest size 20, not 32"),
                wrong.getMessage());
        assertEquals(SPEC + 32, wrong.offset());
    }

    @Test
    void aSpecIdSignatureWithNothingAfterItIsRefusedAsATruncatedSpecId() {
        // the data is exactly "Spec ID Event03\0": recognised as a Spec ID event, then too short
        byte[] log = Arrays.copyOf(REAL, SPEC + 16);
        ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN).putInt(SPEC - 4, 16);
        EventLogFormatException e = refused(log);
        assertEquals("event log at offset " + (SPEC + 16)
                + ": Spec ID event: platformClass needs 4 bytes, only 0 remain", e.getMessage());
    }

    @Test
    void aSpecIdCutAfterItsPlatformClassIsATypedError() {
        byte[] log = Arrays.copyOf(REAL, SPEC + 20);
        ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN).putInt(SPEC - 4, 20);
        EventLogFormatException e = refused(log);
        assertEquals("event log at offset " + (SPEC + 20)
                + ": Spec ID event: specVersionMinor needs 1 bytes, only 0 remain", e.getMessage());
    }
}

package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The TBS transport through its native-API boundary, with a test double standing in for tbs.dll. */
class TbsTransportTest {
    private static final byte[] CMD = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 8};
    private static final byte[] RSP = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0};

    /** A scripted tbs.dll. */
    static class FakeTbs implements TbsApi {
        int createResult = SUCCESS;
        long handle = 0x7FFF_1234_5678_9ABCL; // pointer-sized: does not fit in an int
        int submitResult = SUCCESS;
        byte[] response = RSP;
        int reportedLength = -1;
        int closeCalls;
        int version;
        int flags;
        long submittedContext;
        int priority;
        byte[] log = "event log".getBytes();

        @Override
        public int contextCreate(int version, int flags, long[] context) {
            this.version = version;
            this.flags = flags;
            context[0] = handle;
            return createResult;
        }

        @Override
        public int submitCommand(long context, int locality, int priority, byte[] command, int commandLength,
                                 byte[] out, int[] len) {
            submittedContext = context;
            this.priority = priority;
            if (submitResult != SUCCESS) {
                return submitResult;
            }
            System.arraycopy(response, 0, out, 0, Math.min(response.length, out.length));
            len[0] = reportedLength >= 0 ? reportedLength : response.length;
            return SUCCESS;
        }

        @Override
        public int contextClose(long context) {
            closeCalls++;
            return SUCCESS;
        }

        @Override
        public int getDeviceInfo(int[] info) {
            info[0] = 1;
            info[1] = 2;
            return SUCCESS;
        }

        @Override
        public int getTcgLog(long context, byte[] buffer, int[] length) {
            if (buffer != null) {
                System.arraycopy(log, 0, buffer, 0, log.length);
            }
            length[0] = log.length;
            return SUCCESS;
        }
    }

    @Test
    void createsATpm20ContextAndSubmitsAtNormalPriority() throws IOException {
        FakeTbs tbs = new FakeTbs();
        try (TbsTransport t = new TbsTransport(tbs, 4096)) {
            assertEquals(2, tbs.version);
            assertEquals(1 << 2, tbs.flags, "includeTpm20");
            assertArrayEquals(RSP, t.transmit(CMD));
            assertEquals(tbs.handle, tbs.submittedContext, "the full pointer-sized handle is passed back");
            assertEquals(200, tbs.priority);
            assertEquals(2, t.tpmVersion());
            assertArrayEquals(tbs.log, t.tcgLog());
        }
        assertEquals(1, tbs.closeCalls);
    }

    @Test
    void everyTbsResultIsNamed() {
        FakeTbs tbs = new FakeTbs();
        tbs.createResult = 0x80284012;
        TbsException denied = assertThrows(TbsException.class, () -> new TbsTransport(tbs, 4096));
        assertEquals("TBS_E_ACCESS_DENIED", denied.codeName());
        assertTrue(denied.getMessage().contains("run elevated or use a command a standard user may send"),
                denied.getMessage());

        tbs.createResult = 0x8028400F;
        TbsException none = assertThrows(TbsException.class, () -> new TbsTransport(tbs, 4096));
        assertTrue(none.getMessage().contains("TBS_E_TPM_NOT_FOUND"), none.getMessage());
        assertTrue(none.getMessage().contains("no compatible TPM"), none.getMessage());
    }

    @Test
    void blockedCommandSurfacesAsTheTbsErrorNotATpmCode() throws IOException {
        FakeTbs tbs = new FakeTbs();
        tbs.response = new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 10, (byte) 0x80, 0x28, 0x04, 0x00};
        try (TbsTransport t = new TbsTransport(tbs, 4096)) {
            TbsException e = assertThrows(TbsException.class, () -> t.transmit(CMD));
            assertEquals(0x80280400, e.code());
            assertEquals("TPM_E_COMMAND_BLOCKED", e.codeName());
        }
    }

    @Test
    void submitFailureAndBadLengthsAreErrors() throws IOException {
        FakeTbs tbs = new FakeTbs();
        try (TbsTransport t = new TbsTransport(tbs, 4096)) {
            tbs.submitResult = 0x80284005;
            assertTrue(assertThrows(TbsException.class, () -> t.transmit(CMD)).getMessage()
                    .contains("TBS_E_INSUFFICIENT_BUFFER"));
            tbs.submitResult = TbsApi.SUCCESS;
            tbs.reportedLength = 5000;
            assertTrue(assertThrows(IOException.class, () -> t.transmit(CMD)).getMessage().contains("5000"));
            tbs.reportedLength = 3;
            assertThrows(IOException.class, () -> t.transmit(CMD));
            assertThrows(IOException.class, () -> t.transmit(new byte[4097]), "oversize command not sent");
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        FakeTbs tbs = new FakeTbs();
        TbsTransport t = new TbsTransport(tbs, 4096);
        t.close();
        t.close();
        assertEquals(1, tbs.closeCalls);
        assertThrows(IOException.class, () -> t.transmit(CMD));
    }

    @Test
    void openingOffWindowsSaysSo() {
        if (!System.getProperty("os.name").toLowerCase().startsWith("windows")) {
            IOException e = assertThrows(IOException.class, TbsTransport::open);
            assertTrue(e.getMessage().contains("only available on Windows"), e.getMessage());
        }
    }
}

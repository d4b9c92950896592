package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The command trace (logger {@code dev.tpm2j.core.trace} at TRACE): every command and response is logged with its
 * name and response code, and a known password never appears in it — not as a password session's hmac field, not as
 * NV_DefineSpace's auth parameter, not as the new auth of HierarchyChangeAuth — in ASCII or hex.
 */
class CommandTraceTest {
    static final String PASSWORD = "Tr4ce-Secret-Pa55word";

    @Test
    void traceNamesCommandsAndRedactsPasswords() {
        Logger logger = Logger.getLogger("dev.tpm2j.core.trace");
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        byte[] pw = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        int index = 0x01500600;
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.NO_DA), Bytes.EMPTY, 16), pw, Authorization.owner());
            tpm.nvWrite(index, 0, new byte[16], Authorization.nvIndex(PasswordSession.of(pw)));
            try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
                tpm.execute(new NvRead(index, index, 16, 0), List.of(Authorization.nvIndex(s, pw)));
            }
            tpm.hierarchyChangeAuth(Authorization.owner(), pw);
            tpm.hierarchyChangeAuth(Authorization.owner(PasswordSession.of(pw)), new byte[0]);
            try {
                tpm.nvRead(index, 0, 16, Authorization.nvIndex(PasswordSession.of("wrong")));
            } catch (TpmResponseException expected) {
                // the failure is traced too
            }
            tpm.nvUndefineSpace(index, Authorization.owner());
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        String trace = String.join("\n", lines);
        assertTrue(trace.contains("tpm2j -> TPM2_NV_DefineSpace"), trace);
        assertTrue(trace.contains("tpm2j <- TPM2_NV_Write TPM_RC_SUCCESS (0x00000000)"), trace);
        assertTrue(trace.contains("tpm2j -> TPM2_HierarchyChangeAuth"), trace);
        assertTrue(trace.contains("TPM_RC_AUTH_FAIL") || trace.contains("TPM_RC_BAD_AUTH"), trace);
        assertTrue(trace.contains("hmac <redacted>"), "password sessions redacted, without their length: " + trace);
        assertFalse(trace.contains(PASSWORD), "the password in ASCII");
        assertFalse(trace.toLowerCase().contains(HexFormat.of().formatHex(pw)), "the password in hex");
    }
}

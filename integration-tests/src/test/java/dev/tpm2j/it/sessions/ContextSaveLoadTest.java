package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.ContextLoad;
import dev.tpm2j.core.commands.ContextSave;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsContext;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ContextSave / ContextLoad on swtpm: a salted, encrypting HMAC session saved and loaded back keeps working (its
 * nonces and key carry on); a transient object saved, flushed and loaded back has the same name at a new handle.
 */
class ContextSaveLoadTest {
    @Test
    void aSavedSessionAndObjectComeBack() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            int index = 0x01500A00;
            byte[] pw = "context".getBytes(StandardCharsets.US_ASCII);
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.NO_DA), Bytes.EMPTY, 16), pw, Authorization.owner());
            try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                    .withSalt(ek.objectHandle(), ek.outPublic())
                    .withEncryption(TpmtSymDef.AES_128_CFB, true, true))) {
                byte[] first = Arrays.copyOf("before save".getBytes(StandardCharsets.US_ASCII), 16);
                tpm.execute(new NvWrite(index, index, first, 0), List.of(Authorization.nvIndex(s, pw)));
                TpmsContext saved = tpm.execute(new ContextSave(s.handle()));
                assertEquals(s.handle(), saved.savedHandle());
                assertEquals(s.handle(), (int) tpm.execute(new ContextLoad(saved)), "a session loads at its handle");
                byte[] second = Arrays.copyOf("after load".getBytes(StandardCharsets.US_ASCII), 16);
                tpm.execute(new NvWrite(index, index, second, 0), List.of(Authorization.nvIndex(s, pw)));
                assertArrayEquals(second, tpm.execute(new NvRead(index, index, 16, 0),
                        List.of(Authorization.nvIndex(s, pw))).data());
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
                tpm.flushContext(ek.objectHandle());
            }
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            TpmsContext savedKey = tpm.execute(new ContextSave(srk.objectHandle()));
            tpm.flushContext(srk.objectHandle());
            int again = tpm.execute(new ContextLoad(savedKey));
            try {
                assertEquals(srk.name(), tpm.readPublic(again).name(), "the same key");
                assertEquals(srk.name(), tpm.nameOf(again));
                assertNotEquals(0, again);
            } finally {
                tpm.flushContext(again);
            }
        }
    }
}

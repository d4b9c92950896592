package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sessions example (docs/library-guide.md), compiled and run against swtpm; and a check that the doc shows it. */
class SessionsReadmeExampleTest {
    @Test
    void sessionsExampleRuns() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            int index = 0x01500800;
            byte[] indexAuth = "index password".getBytes(StandardCharsets.UTF_8);
            Bytes policy = PolicyDigest.start(TpmAlgId.SHA256).policyAuthValue().digest();
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.POLICYREAD), policy, 1500), indexAuth, Authorization.owner());
            byte[] data = new byte[1500]; // more than one NV_BUFFER_MAX chunk
            new java.security.SecureRandom().nextBytes(data);
            assertTrue(data.length > tpm.nvBufferMax(), "the example reads in more than one chunk");
            byte[] back;
            byte[] again;
            // --- begin README example sessions
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            try (HmacSession hmac = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                    .withSalt(ek.objectHandle(), ek.outPublic())            // salted: the key never crosses the bus
                    .withEncryption(TpmtSymDef.AES_256_CFB, true, true))) { // data encrypted both ways
                Authorization byHmac = Authorization.nvIndex(hmac, indexAuth); // the one place for the authValue
                tpm.nvWrite(index, 0, data, byHmac);
                back = tpm.nvRead(index, 0, data.length, byHmac);
            }
            // the session carries its policy: tpm2j re-runs it before each command, so chunked NV I/O works
            try (PolicySession policySession = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256),
                    Tpm::policyAuthValue)) {                                // authPolicy = PolicyAuthValue
                again = tpm.nvRead(index, 0, data.length, Authorization.nvIndex(policySession, indexAuth));
            } finally {
                tpm.flushContext(ek.objectHandle());
            }
            // --- end README example sessions
            assertArrayEquals(data, back);
            assertArrayEquals(data, again);
            tpm.nvUndefineSpace(index, Authorization.owner());
        }
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        ReadmeExampleTest.assertSame("sessions", "src/test/java/dev/tpm2j/it/SessionsReadmeExampleTest.java",
                "// --- begin README example sessions", "// --- end README example sessions");
    }
}

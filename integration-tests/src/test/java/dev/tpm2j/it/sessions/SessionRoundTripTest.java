package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands sent to read a 1,500-byte NV index (two NV_Read chunks on swtpm) through each kind of session, counted by
 * {@link CountingTransport} from the session's start to its flush: names are resolved once per command before the
 * authorization area is built, and the index's name read by NV_ReadPublic serves every chunk of the same read.
 * (Issue 23 measured 11 commands with an HMAC session and 17 with a bound one before.)
 */
class SessionRoundTripTest {
    static final int INDEX = 0x01500A10;
    static final int SIZE = 1500;
    static final byte[] AUTH = "round trips".getBytes(StandardCharsets.US_ASCII);
    static Swtpm sim;
    static CountingTransport counting;
    static Tpm tpm;
    static byte[] data = new byte[SIZE];

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
        counting = new CountingTransport(sim.transport());
        tpm = Tpm.open(counting);
        Bytes policy = PolicyDigest.start(TpmAlgId.SHA256).policyAuthValue().digest();
        tpm.nvDefineSpace(new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                TpmaNv.POLICYREAD), policy, SIZE), AUTH, Authorization.owner());
        new SecureRandom().nextBytes(data);
        tpm.nvWrite(INDEX, 0, data, Authorization.nvIndex(PasswordSession.of(AUTH)));
        assertEquals(2, (SIZE + tpm.nvBufferMax() - 1) / tpm.nvBufferMax(), "two chunks (NV_BUFFER_MAX read before)");
    }

    @AfterAll
    static void stop() {
        try {
            assertEquals(0, tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow());
            tpm.nvUndefineSpace(INDEX, Authorization.owner());
            tpm.close();
        } finally {
            sim.close();
        }
    }

    @BeforeEach
    void reset() {
        counting.reset();
    }

    /** StartAuthSession, NV_ReadPublic, two NV_Read, FlushContext. */
    @Test
    void hmacSession() {
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
            assertArrayEquals(data, tpm.nvRead(INDEX, Authorization.nvIndex(s, AUTH)));
        }
        assertEquals(List.of("TPM2_StartAuthSession", "TPM2_NV_ReadPublic", "TPM2_NV_Read", "TPM2_NV_Read",
                "TPM2_FlushContext"), counting.commands());
    }

    /** NV_ReadPublic (its name binds the session and its size sizes the read), StartAuthSession, two NV_Read, flush. */
    @Test
    void boundSession() {
        NvReadPublic.Response pub = tpm.nvReadPublic(INDEX);
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withBind(INDEX,
                pub.nvName(), AUTH))) {
            assertTrue(s.isBound());
            assertArrayEquals(data, tpm.nvRead(pub.nvPublic(), Authorization.nvIndex(s, AUTH)));
        }
        assertEquals(List.of("TPM2_NV_ReadPublic", "TPM2_StartAuthSession", "TPM2_NV_Read", "TPM2_NV_Read",
                "TPM2_FlushContext"), counting.commands());
    }

    /** StartAuthSession, NV_ReadPublic, then per chunk the carried policy (PolicyAuthValue) and NV_Read, flush. */
    @Test
    void policySessionCarryingItsPolicy() {
        try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256),
                Tpm::policyAuthValue)) {
            assertArrayEquals(data, tpm.nvRead(INDEX, Authorization.nvIndex(s, AUTH)));
        }
        assertEquals(List.of("TPM2_StartAuthSession", "TPM2_NV_ReadPublic", "TPM2_PolicyAuthValue", "TPM2_NV_Read",
                "TPM2_PolicyAuthValue", "TPM2_NV_Read", "TPM2_FlushContext"), counting.commands());
    }
}

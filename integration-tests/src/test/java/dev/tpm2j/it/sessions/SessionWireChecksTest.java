package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.session.TpmSessionException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against swtpm, what the session matrix covers but the mutation profile's faster tests did not: XOR and AES-256
 * parameter encryption with SHA-1, SHA-256 and SHA-384 sessions (the value round-trips and never crosses the bus in
 * clear), PolicyPassword (the TPM accepts the right password and refuses a wrong one), and responses altered on the
 * way back (continueSession cleared, a nonce shortened below 16 bytes) caught with their reason. The index is
 * DA-protected where the right authValue is used and TPM_PT_LOCKOUT_COUNTER is read before and after.
 */
class SessionWireChecksTest {
    static final byte[] AUTH = "wire checks".getBytes(StandardCharsets.US_ASCII);
    static final int INDEX = 0x01500A40;
    static final int POLICY_INDEX = 0x01500A41;
    /** Header, parameterSize, TPM2B of 32 bytes, then nonce (2 + 32), attributes and hmac (2 + 32). */
    static final int NV_READ_32_RESPONSE = 10 + 4 + 2 + 32 + 2 + 32 + 1 + 2 + 32;
    static final SecureRandom RANDOM = new SecureRandom();

    static Swtpm sim;
    static Tap tap;
    static Tpm tpm;
    static CreatePrimary.Response ek;

    /** Records every byte on the wire and can alter responses. */
    static final class Tap implements TpmTransport {
        final TpmTransport inner;
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        volatile UnaryOperator<byte[]> alter = UnaryOperator.identity();

        Tap(TpmTransport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            wire.writeBytes(command);
            byte[] r = alter.apply(inner.transmit(command));
            wire.writeBytes(r);
            return r;
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        boolean saw(byte[] needle) {
            byte[] hay = wire.toByteArray();
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
        tap = new Tap(sim.transport());
        tpm = Tpm.open(tap);
        ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
        tpm.nvDefineSpace(new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE),
                Bytes.EMPTY, 32), AUTH, Authorization.owner());
        Bytes password = PolicyDigest.start(TpmAlgId.SHA256).policyPassword().digest();
        tpm.nvDefineSpace(new TpmsNvPublic(POLICY_INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.POLICYREAD,
                TpmaNv.POLICYWRITE, TpmaNv.NO_DA), password, 32), AUTH, Authorization.owner());
    }

    @AfterAll
    static void stop() {
        try {
            tpm.nvUndefineSpace(INDEX, Authorization.owner());
            tpm.nvUndefineSpace(POLICY_INDEX, Authorization.owner());
            tpm.flushContext(ek.objectHandle());
            tpm.close();
        } finally {
            sim.close();
        }
    }

    static int lockoutCounter() {
        return tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
    }

    static byte[] fresh() {
        byte[] data = new byte[32];
        RANDOM.nextBytes(data);
        return data;
    }

    @Test
    void everyAlgorithmAndSessionHashKeepsNvDataOffTheBus() {
        int before = lockoutCounter();
        TpmtSymDef xor = new TpmtSymDef(TpmAlgId.XOR, TpmAlgId.SHA256, TpmAlgId.NULL);
        record Case(int hash, TpmtSymDef sym) { }
        for (Case c : List.of(new Case(TpmAlgId.SHA256, xor), new Case(TpmAlgId.SHA1, TpmtSymDef.AES_128_CFB),
                new Case(TpmAlgId.SHA384, TpmtSymDef.AES_256_CFB), new Case(TpmAlgId.SHA384, xor))) {
            String what = TpmAlgId.name(c.hash()) + " " + c.sym();
            byte[] data = fresh();
            // the authorizing session encrypts both ways
            try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(c.hash()).withSalt(ek.objectHandle(),
                    ek.outPublic()).withEncryption(c.sym(), true, true))) {
                tpm.nvWrite(INDEX, 0, data, Authorization.nvIndex(s, AUTH));
                assertArrayEquals(data, tpm.nvRead(INDEX, 0, 32, Authorization.nvIndex(s, AUTH)), what);
            }
            assertFalse(tap.saw(data), what + ": the data crossed the bus in clear");
            assertArrayEquals(data, tpm.nvRead(INDEX, Authorization.nvIndex(PasswordSession.of(AUTH))), what
                    + ": what the TPM stored");
            // a separate session encrypts for a password authorization
            byte[] other = fresh();
            try (HmacSession enc = tpm.startHmacSession(SessionOptions.hmac(c.hash()).withSalt(ek.objectHandle(),
                    ek.outPublic()).withEncryption(c.sym(), true, true))) {
                Authorization password = Authorization.nvIndex(PasswordSession.of(AUTH));
                tpm.execute(new NvWrite(INDEX, INDEX, other, 0), List.of(password), enc);
                assertArrayEquals(other, tpm.execute(new NvRead(INDEX, INDEX, 32, 0), List.of(password), enc).data(),
                        what);
            }
            assertFalse(tap.saw(other), what + ": the data crossed the bus in clear");
        }
        assertEquals(before, lockoutCounter(), "TPM_PT_LOCKOUT_COUNTER unchanged");
    }

    @Test
    void policyPasswordSendsTheAuthValueAndTheTpmChecksIt() {
        int before = lockoutCounter();
        byte[] data = fresh();
        try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
            tpm.policyPassword(p);
            tpm.nvWrite(POLICY_INDEX, 0, data, Authorization.nvIndex(p, AUTH));
            tpm.policyPassword(p);
            assertArrayEquals(data, tpm.nvRead(POLICY_INDEX, 0, 32, Authorization.nvIndex(p, AUTH)));
            tpm.policyPassword(p);
            TpmResponseException wrong = assertThrows(TpmResponseException.class, () -> tpm.nvRead(POLICY_INDEX, 0,
                    32, Authorization.nvIndex(p, "wrong".getBytes(StandardCharsets.US_ASCII))));
            assertTrue(wrong.is(TpmRc.BAD_AUTH), wrong.getMessage());
        }
        assertEquals(before, lockoutCounter(), "a NO_DA index: the counter stays");
    }

    @Test
    void aClearedContinueSessionInTheResponseIsCaught() {
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(ek.objectHandle(),
                ek.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, false, true))) {
            assertEquals(16, tpm.execute(new GetRandom(16), s).randomBytes().size(), "untouched: fine");
            tap.alter = r -> {
                byte[] c = r.clone();
                c[c.length - 32 - 2 - 1] &= ~0x01; // sessionAttributes, before the 32-byte hmac
                return c;
            };
            TpmSessionException e = assertThrows(TpmSessionException.class, () -> tpm.execute(new GetRandom(16), s));
            assertEquals(String.format("session 0x%08x: the response's continueSession does not echo the command's",
                    s.handle()), e.getMessage());
            tap.alter = UnaryOperator.identity();
            assertTrue(assertThrows(TpmSessionException.class, () -> tpm.execute(new GetRandom(16), s)).getMessage()
                    .contains("out of step with the TPM"), "the session refuses further use");
        } finally {
            tap.alter = UnaryOperator.identity();
        }
    }

    @Test
    void aResponseNonceShorterThan16BytesIsCaughtAndTheSessionIsNotUsedAgain() {
        int before = lockoutCounter();
        byte[] data = fresh();
        tpm.nvWrite(INDEX, 0, data, Authorization.nvIndex(PasswordSession.of(AUTH)));
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
            assertArrayEquals(data, tpm.nvRead(INDEX, 0, 32, Authorization.nvIndex(s, AUTH)), "untouched: fine");
            tap.alter = r -> {
                if (r.length != NV_READ_32_RESPONSE) {
                    return r; // NV_ReadPublic and the like pass untouched
                }
                // ... ‖ nonceTPM (0x0020 ‖ 32 bytes) ‖ attributes ‖ hmac (0x0020 ‖ 32 bytes): keep 15 nonce bytes
                int nonceAt = r.length - 32 - 2 - 1 - 32 - 2;
                byte[] c = new byte[r.length - 17];
                System.arraycopy(r, 0, c, 0, nonceAt);
                c[nonceAt] = 0;
                c[nonceAt + 1] = 15;
                System.arraycopy(r, nonceAt + 2, c, nonceAt + 2, 15);
                System.arraycopy(r, r.length - 35, c, nonceAt + 17, 35);
                c[2] = (byte) (c.length >>> 24);
                c[3] = (byte) (c.length >>> 16);
                c[4] = (byte) (c.length >>> 8);
                c[5] = (byte) c.length;
                return c;
            };
            TpmSessionException e = assertThrows(TpmSessionException.class,
                    () -> tpm.nvRead(INDEX, 0, 32, Authorization.nvIndex(s, AUTH)));
            assertEquals(String.format("session 0x%08x: response nonce of 15 bytes; at least 16 expected",
                    s.handle()), e.getMessage());
            tap.alter = UnaryOperator.identity();
            // the TPM moved on to a nonce tpm2j did not accept: an HMAC over the old one would fail as AUTH_FAIL
            // on this DA-protected index and raise the lockout counter, so the session refuses instead
            assertTrue(assertThrows(TpmSessionException.class, () -> tpm.nvRead(INDEX, 0, 32,
                    Authorization.nvIndex(s, AUTH))).getMessage().contains("out of step with the TPM"));
        } finally {
            tap.alter = UnaryOperator.identity();
        }
        assertEquals(before, lockoutCounter(), "TPM_PT_LOCKOUT_COUNTER unchanged");
    }
}

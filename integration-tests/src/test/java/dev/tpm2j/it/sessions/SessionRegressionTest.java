package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.Shutdown;
import dev.tpm2j.core.commands.Startup;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.TpmSessionException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.transport.SwtpmControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for issue 12, each failing on the code before it, all against a real swtpm and written with the
 * API that existed then: a separate encrypt/decrypt session beside an HMAC authorization (lockout), a policy session
 * encrypting in an authorization slot (silent corruption), HierarchyChangeAuth over an HMAC session (false
 * "tampered"), RSA salting with an explicit OAEP scheme, a WRITE_STCLEAR lock across a TPM restart, a session the
 * TPM ended not being flushed again, and AIK activation with an HMAC session for the AK.
 */
class SessionRegressionTest {
    static Swtpm sim;
    static Tap tap;
    static Tpm tpm;
    static CreatePrimary.Response ek;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
        tap = new Tap(sim.transport());
        tpm = Tpm.open(tap);
        ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
    }

    @AfterAll
    static void stop() {
        try {
            tpm.close();
        } finally {
            sim.close();
        }
    }

    static int lockoutCounter(Tpm t) {
        return t.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
    }

    static KeyedSession hmac(int flags) {
        return tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(ek.objectHandle(), ek.outPublic())
                .withEncryption(TpmtSymDef.AES_128_CFB, (flags & TpmaSession.DECRYPT) != 0,
                        (flags & TpmaSession.ENCRYPT) != 0));
    }

    static byte[] data(String s, int size) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), size);
    }

    /** Item 1: HMAC authorization + a separate session that decrypts, encrypts, or both; a DA-protected index. */
    @Test
    void hmacAuthorizationWithASeparateEncryptionSessionIsAccepted() {
        int index = 0x01500301;
        byte[] password = "da-protected".getBytes(StandardCharsets.US_ASCII);
        int before = lockoutCounter(tpm);
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE),
                Bytes.EMPTY, 32), password, Authorization.owner());
        try {
            int[] flagSets = {TpmaSession.DECRYPT | TpmaSession.ENCRYPT, TpmaSession.DECRYPT, TpmaSession.ENCRYPT};
            for (int flags : flagSets) {
                byte[] written = data("separate session flags " + flags, 32);
                try (KeyedSession s = hmac(0); KeyedSession enc = hmac(flags)) {
                    // a separate session that would do nothing for a command is left out (the TPM refuses it)
                    List<Authorization> auth = List.of(Authorization.of(index, s, password));
                    tpm.execute(new NvWrite(index, index, written, 0), auth, enc);
                    byte[] back = tpm.execute(new NvRead(index, index, 32, 0), auth, enc).data();
                    assertArrayEquals(written, back, "flags 0x" + Integer.toHexString(flags));
                }
                assertArrayEquals(written, tpm.nvRead(index, Authorization.nvIndex(PasswordSession.of(password))));
            }
        } finally {
            tpm.nvUndefineSpace(index, Authorization.owner());
        }
        assertEquals(before, lockoutCounter(tpm), "no authorization failure was counted");
    }

    /** Item 2: a salted policy session in the authorization slot encrypts with sessionKey ‖ authValue. */
    @Test
    void policySessionInAnAuthorizationSlotEncryptsWithTheEntityAuthValue() {
        int index = 0x01500302;
        byte[] password = "policy-index".getBytes(StandardCharsets.US_ASCII);
        Bytes policy = PolicyDigest.start(TpmAlgId.SHA256).policySecret(Names.handle(TpmRh.OWNER), Bytes.EMPTY)
                .digest();
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.POLICYREAD, TpmaNv.POLICYWRITE,
                TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE, TpmaNv.NO_DA), policy, 32), password, Authorization.owner());
        try {
            byte[] written = data("written through a policy session", 32);
            try (KeyedSession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256).withSalt(
                    ek.objectHandle(), ek.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, true, true))) {
                List<Authorization> auth = List.of(Authorization.of(index, s, password));
                tpm.execute(PolicySecret.of(TpmRh.OWNER, s.handle()), PasswordSession.empty());
                tpm.execute(new NvWrite(index, index, written, 0), auth);
                tpm.execute(PolicySecret.of(TpmRh.OWNER, s.handle()), PasswordSession.empty());
                byte[] back = tpm.execute(new NvRead(index, index, 32, 0), auth).data();
                assertArrayEquals(written, back, "read back through the policy session");
            }
            assertArrayEquals(written, tpm.nvRead(index, Authorization.nvIndex(PasswordSession.of(password))),
                    "what the TPM stored is what was written");
        } finally {
            tpm.nvUndefineSpace(index, Authorization.owner());
        }
    }

    /** Item 3: the response to HierarchyChangeAuth is keyed with the new authValue; the session follows it. */
    @Test
    void hierarchyChangeAuthOverAnHmacSessionAndBack() {
        byte[] newAuth = "new owner auth".getBytes(StandardCharsets.US_ASCII);
        try (KeyedSession s = hmac(TpmaSession.DECRYPT)) {
            tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, newAuth), List.of(Authorization.of(TpmRh.OWNER, s,
                    new byte[0])));
            CreatePrimary.Response k = tpm.createPrimary(Authorization.owner(PasswordSession.of(newAuth)),
                    KeyTemplates.SRK_ECC_P256);
            tpm.flushContext(k.objectHandle());
            tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, new byte[0]), List.of(Authorization.of(TpmRh.OWNER, s,
                    newAuth)));
        } finally {
            try { // leave the owner auth empty for the other tests even when this one fails
                tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, new byte[0]), PasswordSession.of(newAuth));
            } catch (RuntimeException alreadyEmpty) {
                // the change back above succeeded
            }
        }
        CreatePrimary.Response k = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        tpm.flushContext(k.objectHandle());
    }

    /** Item 4a: salting to an RSA key with an explicit OAEP scheme uses that scheme's hash. */
    @Test
    void saltingToAnRsaKeyWithAnOaepSchemeUsesTheSchemeHash() {
        for (int oaepHash : new int[] {TpmAlgId.SHA384, TpmAlgId.SHA1}) {
            TpmtPublic template = new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.FIXED_TPM,
                    TpmaObject.FIXED_PARENT, TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                    TpmaObject.NO_DA, TpmaObject.DECRYPT), Bytes.EMPTY, new TpmsRsaParms(TpmtSymDef.NULL,
                    new TpmtRsaScheme(TpmAlgId.OAEP, oaepHash), 2048, 0), new Tpm2bPublicKeyRsa(Bytes.EMPTY));
            CreatePrimary.Response key = tpm.createPrimary(Authorization.owner(), template);
            try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                    key.objectHandle(), key.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, false, true))) {
                assertEquals(16, tpm.execute(new GetRandom(16), s).randomBytes().size());
            } finally {
                tpm.flushContext(key.objectHandle());
            }
        }
    }

    /** Item 4b: a WRITE_STCLEAR lock clears at a TPM restart, and the cached public area with it. */
    @Test
    void writeStClearLockDoesNotOutliveATpmRestart() throws IOException {
        try (Swtpm own = Swtpm.start(); Tpm t = own.openTpm()) {
            int index = 0x01500303;
            byte[] password = "stclear".getBytes(StandardCharsets.US_ASCII);
            t.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.WRITE_STCLEAR, TpmaNv.NO_DA), Bytes.EMPTY, 8), password, Authorization.owner());
            Authorization byPassword = Authorization.nvIndex(PasswordSession.of(password));
            t.nvWrite(index, 0, data("before", 8), byPassword);
            t.nvWriteLock(index, byPassword);
            assertTrue(t.nvReadPublic(index).nvPublic().attributes().has(TpmaNv.WRITELOCKED));
            t.execute(new Shutdown(Startup.SU_CLEAR));
            new SwtpmControl("127.0.0.1", own.controlPort()).init(0);
            t.execute(new Startup(Startup.SU_CLEAR));
            assertFalse(t.nvReadPublic(index).nvPublic().attributes().has(TpmaNv.WRITELOCKED),
                    "the restart cleared the lock");
            CreatePrimary.Response salt = t.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            try (KeyedSession s = t.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                    salt.objectHandle(), salt.outPublic()))) {
                t.execute(new NvWrite(index, index, data("after", 8), 0), List.of(Authorization.of(index, s,
                        password)));
            } finally {
                t.flushContext(salt.objectHandle());
            }
            assertArrayEquals(data("after", 8), t.nvRead(index, byPassword));
        }
    }

    /** Records the commands sent and can alter responses. */
    static final class Tap implements TpmTransport {
        final TpmTransport inner;
        final List<byte[]> commands = new ArrayList<>();
        volatile UnaryOperator<byte[]> alter = UnaryOperator.identity();

        Tap(TpmTransport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            commands.add(command.clone());
            return alter.apply(inner.transmit(command));
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    /** Item 4c: a session the TPM ended (continueSession clear) is not flushed again when its HMAC check fails. */
    @Test
    void aSessionTheTpmEndedIsNotFlushedAgain() {
        Tpm t = tpm;
        {
            KeyedSession s = hmac(TpmaSession.ENCRYPT);
            s.endWithNextCommand();
            tap.alter = r -> {
                byte[] c = r.clone();
                c[c.length - 1] ^= 1;
                return c;
            };
            assertThrows(TpmSessionException.class, () -> t.execute(new GetRandom(8), s));
            tap.alter = UnaryOperator.identity();
            int sent = tap.commands.size();
            s.close();
            assertEquals(sent, tap.commands.size(), "no FlushContext for a session the TPM already ended");
            assertEquals(List.of(), t.getHandles(0x02000000), "and the TPM has no session left");
        }
    }

    /** AIK activation with the AK authorized by a salted HMAC session beside the EK's encrypting policy session. */
    @Test
    void aikActivationWithAnHmacSessionForTheAk() {
        int before = lockoutCounter(tpm);
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
        try (KeyedSession akAuth = hmac(0)) {
            byte[] secret = data("activation secret", 32);
            CredentialProtection.Credential cred = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
            assertArrayEquals(secret, AikActivation.activate(tpm, Authorization.of(ak.handle(), akAuth, new byte[0]),
                    ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), cred));
        } finally {
            tpm.flushContext(ak.handle());
        }
        assertEquals(before, lockoutCounter(tpm), "no authorization failure was counted");
    }
}

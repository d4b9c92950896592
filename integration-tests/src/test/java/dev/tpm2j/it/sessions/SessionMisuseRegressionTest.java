package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.Quote;
import dev.tpm2j.core.commands.Shutdown;
import dev.tpm2j.core.commands.Startup;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.transport.SwtpmControl;
import dev.tpm2j.transport.SwtpmTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for issue 23, items 1–7, each against its own swtpm with TPM_PT_LOCKOUT_COUNTER read before and
 * after: ordinary use the session API allowed that silently corrupted NV data, failed half-way, or raised the
 * lockout counter. The indices and keys are DA-protected, so an authorization failure would be counted.
 */
class SessionMisuseRegressionTest {
    static final byte[] INDEX_AUTH = "index auth".getBytes(StandardCharsets.US_ASCII);
    static final Bytes OWNER_SECRET_POLICY = PolicyDigest.start(TpmAlgId.SHA256)
            .policySecret(Names.handle(TpmRh.OWNER), Bytes.EMPTY).digest();

    Swtpm sim;
    SwtpmTransport wire;
    CountingTransport counting;
    Tpm tpm;
    int lockoutBefore;

    @BeforeEach
    void start() {
        sim = Swtpm.start();
        wire = sim.transport();
        counting = new CountingTransport(wire);
        tpm = Tpm.open(counting);
        lockoutBefore = lockoutCounter(tpm);
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(lockoutBefore, lockoutCounter(tpm), "TPM_PT_LOCKOUT_COUNTER unchanged");
            tpm.close();
        } finally {
            sim.close();
        }
    }

    static int lockoutCounter(Tpm t) {
        return t.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
    }

    static byte[] pattern(char c, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** A DA-protected index with {@link #INDEX_AUTH} whose authPolicy is PolicySecret(owner), filled with 'A'. */
    void defineIndex(int index, int size) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                TpmaNv.POLICYREAD, TpmaNv.POLICYWRITE), OWNER_SECRET_POLICY, size), INDEX_AUTH, Authorization.owner());
        tpm.nvWrite(index, 0, pattern('A', size), Authorization.nvIndex(PasswordSession.of(INDEX_AUTH)));
    }

    byte[] readWithPassword(int index) {
        return tpm.nvRead(index, Authorization.nvIndex(PasswordSession.of(INDEX_AUTH)));
    }

    static void ownerSecret(Tpm t, PolicySession s) {
        t.execute(PolicySecret.of(TpmRh.OWNER, s.handle()), PasswordSession.empty());
    }

    /**
     * Item 1: a policy session that encrypts in an authorization slot without the entity's authValue used to key the
     * encryption with an empty one — NV_Write stored garbage, no exception. Now it is refused before anything is sent.
     */
    @Test
    void policySessionEncryptingWithoutTheAuthValueIsRefusedAndWritesNothing() {
        int index = 0x01500901;
        defineIndex(index, 32);
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
        try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256)
                .withSalt(ek.objectHandle(), ek.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, true, true),
                SessionMisuseRegressionTest::ownerSecret)) {
            int sent = counting.count(0x00000137); // TPM2_NV_Write
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tpm.nvWrite(index, 0, pattern('B', 32), Authorization.nvIndex(s)));
            assertTrue(e.getMessage().contains("authValue") && e.getMessage().contains("Authorization.of"),
                    e.getMessage());
            assertEquals(sent, counting.count(0x00000137), "no NV_Write was sent");
            assertThrows(IllegalArgumentException.class, () -> tpm.nvRead(index, Authorization.nvIndex(s)));
            // given the authValue, the same session works both ways
            tpm.nvWrite(index, 0, pattern('C', 32), Authorization.nvIndex(s, INDEX_AUTH));
            assertArrayEquals(pattern('C', 32), tpm.nvRead(index, Authorization.nvIndex(s, INDEX_AUTH)));
        } finally {
            tpm.flushContext(ek.objectHandle());
        }
        assertArrayEquals(pattern('C', 32), readWithPassword(index), "what the TPM stored");
    }

    /**
     * Item 2: NV I/O larger than one chunk with a policy session failed after the first chunk (the TPM uses up the
     * policy), leaving a partial write. Without a carried policy it is now refused before the first byte; with one,
     * the policy is re-run before each chunk.
     */
    @Test
    void chunkedNvWithAPolicySession() {
        int index = 0x01500902;
        int size = 1500;
        assertTrue(size > tpm.nvBufferMax(), "more than one chunk");
        defineIndex(index, size);
        try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
            ownerSecret(tpm, s);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tpm.nvWrite(index, 0, pattern('B', size), Authorization.nvIndex(s)));
            assertTrue(e.getMessage().contains("startPolicySession(options, policy)"), e.getMessage());
        }
        assertArrayEquals(pattern('A', size), readWithPassword(index), "not a byte was written");
        try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256),
                SessionMisuseRegressionTest::ownerSecret)) {
            tpm.nvWrite(index, 0, pattern('D', size), Authorization.nvIndex(s));
            assertArrayEquals(pattern('D', size), tpm.nvRead(index, Authorization.nvIndex(s)));
        }
        assertArrayEquals(pattern('D', size), readWithPassword(index));
    }

    /** A DA-protected ECDSA signing key with {@code auth}; {@code unique} makes a different key from the same seed. */
    static TpmtPublic signingKey(String unique) {
        return new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.FIXED_TPM,
                TpmaObject.FIXED_PARENT, TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                TpmaObject.SIGN_ENCRYPT), Bytes.EMPTY, new TpmsEccParms(TpmtSymDef.NULL,
                TpmtEccScheme.of(TpmAlgId.ECDSA, TpmAlgId.SHA256), TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL),
                new TpmsEccPoint(Bytes.of(Arrays.copyOf(unique.getBytes(StandardCharsets.US_ASCII), 32)),
                        Bytes.of(new byte[32])));
    }

    /** Another program, on its own connection: persists a new key with the same authValue at {@code handle}. */
    void anotherProgramRepersists(int handle, byte[] auth) {
        wire.disconnect();
        try (Tpm other = sim.openTpm()) {
            other.execute(new EvictControl(TpmRh.OWNER, handle, handle), PasswordSession.empty());
            CreatePrimary.Response k = other.execute(new CreatePrimary(TpmRh.OWNER, new TpmsSensitiveCreate(auth,
                    Bytes.EMPTY), signingKey("second"), Bytes.EMPTY, TpmlPcrSelection.EMPTY), PasswordSession.empty());
            other.evictControl(Authorization.owner(), k.objectHandle(), handle);
            other.flushContext(k.objectHandle());
            ((SwtpmTransport) other.transport()).disconnect();
        }
    }

    /**
     * Item 3: a persistent key's name was cached for the Tpm's life; after another program re-persisted a key at the
     * same handle every HMAC use failed with AUTH_FAIL and raised the lockout counter. Likewise a WRITE_STCLEAR lock
     * the Tpm had seen outlived a restart it did not see.
     */
    @Test
    void namesOfPersistentKeysAndIndicesFollowWhatAnotherProgramDid() throws IOException {
        byte[] keyAuth = "key auth".getBytes(StandardCharsets.US_ASCII);
        int persistent = 0x81000123;
        CreatePrimary.Response k = tpm.execute(new CreatePrimary(TpmRh.OWNER, new TpmsSensitiveCreate(keyAuth,
                Bytes.EMPTY), signingKey("first"), Bytes.EMPTY, TpmlPcrSelection.EMPTY), PasswordSession.empty());
        tpm.evictControl(Authorization.owner(), k.objectHandle(), persistent);
        tpm.flushContext(k.objectHandle());
        Quote quote = new Quote(persistent, Bytes.of(new byte[8]), TpmtSigScheme.NULL, TpmlPcrSelection.EMPTY);
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
            Authorization byHmac = Authorization.of(persistent, s, keyAuth);
            tpm.execute(quote, List.of(byHmac));
            Bytes firstName = tpm.readPublic(persistent).name();
            anotherProgramRepersists(persistent, keyAuth);
            tpm.execute(quote, List.of(byHmac)); // an AUTH_FAIL here would have raised the counter
            assertFalse(firstName.equals(tpm.readPublic(persistent).name()), "a different key now");
        } finally {
            tpm.execute(new EvictControl(TpmRh.OWNER, persistent, persistent), PasswordSession.empty());
        }

        int index = 0x01500903;
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                TpmaNv.WRITE_STCLEAR), Bytes.EMPTY, 8), INDEX_AUTH, Authorization.owner());
        Authorization byPassword = Authorization.nvIndex(PasswordSession.of(INDEX_AUTH));
        tpm.nvWrite(index, 0, pattern('A', 8), byPassword);
        tpm.nvWriteLock(index, byPassword);
        assertTrue(tpm.nvReadPublic(index).nvPublic().attributes().has(TpmaNv.WRITELOCKED));
        wire.disconnect(); // another program restarts the TPM
        try (Tpm other = sim.openTpm()) {
            other.execute(new Shutdown(Startup.SU_CLEAR));
            new SwtpmControl("127.0.0.1", sim.controlPort()).init(0);
            other.execute(new Startup(Startup.SU_CLEAR));
            ((SwtpmTransport) other.transport()).disconnect();
        }
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
            tpm.execute(new NvWrite(index, index, pattern('E', 8), 0), List.of(Authorization.of(index, s,
                    INDEX_AUTH)));
        }
        assertArrayEquals(pattern('E', 8), tpm.nvRead(index, byPassword));
    }

    /**
     * Item 4: a change of auth for one entity replaced the session's authValue for another, so the next use for the
     * first entity failed with AUTH_FAIL. The session holds no entity's authValue now.
     */
    @Test
    void aChangeOfAuthForOneEntityLeavesTheSessionsUseForAnotherAlone() {
        int index = 0x01500904;
        defineIndex(index, 16);
        byte[] newOwnerAuth = "new owner".getBytes(StandardCharsets.US_ASCII);
        try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
            Authorization indexByHmac = Authorization.of(index, s, INDEX_AUTH);
            tpm.execute(new NvWrite(index, index, pattern('F', 16), 0), List.of(indexByHmac));
            tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, newOwnerAuth), List.of(Authorization.of(TpmRh.OWNER,
                    s, new byte[0])));
            try {
                tpm.execute(new NvWrite(index, index, pattern('G', 16), 0), List.of(indexByHmac));
                assertArrayEquals(pattern('G', 16), tpm.execute(new NvRead(index, index, 16, 0),
                        List.of(indexByHmac)).data());
            } finally {
                tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, new byte[0]), List.of(Authorization.of(TpmRh.OWNER,
                        s, newOwnerAuth)));
            }
        }
    }

    /**
     * Item 5: a PasswordSession ignored the authValue given in the Authorization (sent its own, raising the counter),
     * and a closed one sent zeros.
     */
    @Test
    void aPasswordSessionSendsTheAuthorizationsAuthValueAndAClosedOneNothing() {
        int index = 0x01500905;
        defineIndex(index, 16);
        assertArrayEquals(pattern('A', 16), tpm.nvRead(index, Authorization.of(Authorization.THE_INDEX,
                PasswordSession.empty(), INDEX_AUTH)), "the authorization's authValue is the password sent");
        assertThrows(IllegalArgumentException.class, () -> Authorization.of(index, PasswordSession.of("other"),
                INDEX_AUTH), "a password given twice is refused");
        PasswordSession closed = PasswordSession.of(INDEX_AUTH);
        closed.close();
        int sent = counting.count();
        assertThrows(IllegalStateException.class, () -> tpm.nvRead(index, 0, 16, Authorization.nvIndex(closed)));
        assertEquals(sent, counting.count(), "nothing sent for a closed password session");
    }

    /**
     * Item 6: a separate session with no role in the command (no decrypt, encrypt or audit it could do) was sent and
     * the TPM refused it (TPM_RC_ATTRIBUTES); and {@code close()} after {@code flushContext(handle())} threw.
     */
    @Test
    void aRolelessSeparateSessionIsLeftOutAndCloseAfterFlushSendsNothing() {
        int index = 0x01500906;
        defineIndex(index, 16);
        Authorization byPassword = Authorization.nvIndex(PasswordSession.of(INDEX_AUTH));
        try (HmacSession idle = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256));
             HmacSession encryptsResponses = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                     .withEncryption(TpmtSymDef.AES_128_CFB, false, true))) {
            // NV_Write has no response parameter to encrypt: both sessions are left out
            tpm.execute(new NvWrite(index, index, pattern('H', 16), 0), List.of(byPassword), idle, encryptsResponses);
            assertArrayEquals(pattern('H', 16), tpm.execute(new NvRead(index, index, 16, 0), List.of(byPassword),
                    idle).data());
        }
        HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256));
        tpm.flushContext(s.handle());
        int sent = counting.count();
        s.close();
        assertEquals(sent, counting.count(), "no second FlushContext");
        assertTrue(s.isEnded());
        assertThrows(IllegalStateException.class, () -> tpm.execute(new NvRead(index, index, 16, 0),
                List.of(Authorization.of(index, s, INDEX_AUTH))), "a closed session refuses to authorize");
    }

    /**
     * Item 7: the command trace printed NV data and ActivateCredential's secret in clear on an unencrypted bus, and
     * each password's length. Now data is shown by size only (unless TPM2J_TRACE=data) and secrets without size.
     */
    @Test
    void theTraceShowsNoDataNoSecretsAndNoSecretLengths() {
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
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        int index = 0x01500907;
        byte[] nvData = "NV-DATA-MUST-NOT-BE-TRACED-12345".getBytes(StandardCharsets.US_ASCII);
        byte[] secret = "CREDENTIAL-SECRET-NOT-IN-TRACE!!".getBytes(StandardCharsets.US_ASCII);
        try {
            defineIndex(index, 32);
            tpm.nvWrite(index, 0, nvData, Authorization.nvIndex(PasswordSession.of(INDEX_AUTH)));
            assertArrayEquals(nvData, readWithPassword(index));
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
            try {
                CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
                // an unprotected activation: the secret crosses the bus in clear
                assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c, false));
            } finally {
                tpm.flushContext(ak.handle());
                tpm.flushContext(ek.objectHandle());
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        String trace = String.join("\n", lines);
        String hex = trace.toLowerCase();
        for (byte[] b : List.of(nvData, secret, INDEX_AUTH)) {
            assertFalse(trace.contains(new String(b, StandardCharsets.US_ASCII)), "in ASCII");
            assertFalse(hex.contains(HexFormat.of().formatHex(b, 0, 8)), "in hex: " + new String(b,
                    StandardCharsets.US_ASCII));
        }
        assertTrue(trace.contains("tpm2j -> " + "TPM2_NV_Write"), trace);
        assertTrue(trace.contains("<data, "), "data shown by size: " + trace);
        assertTrue(trace.contains("hmac <redacted>"), trace);
        assertFalse(trace.matches("(?s).*redacted \\d+B.*"), "no secret's length: " + trace);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("tpm2j <- TPM2_ActivateCredential")), trace);
    }
}

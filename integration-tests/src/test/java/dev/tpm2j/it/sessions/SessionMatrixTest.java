package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.transport.SwtpmTransport;
import dev.tpm2j.core.commands.Quote;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.commands.NvCertify;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.SetPrimaryPolicy;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmlDigest;
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
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The combination matrix of issue 12 against one swtpm: every authorization kind (bound HMAC and bound policy
 * sessions included) × every parameter-encryption arrangement and algorithm × three commands (NV_Write + NV_Read of
 * a DA-protected index with an authValue; NV_Certify, which has two authorized handles; HierarchyChangeAuth and
 * back). In every cell the data read back is exactly the data written, and TPM_PT_LOCKOUT_COUNTER never moves.
 */
class SessionMatrixTest {
    enum Kind { PASSWORD, HMAC, HMAC_SALTED_RSA, HMAC_SALTED_ECC, HMAC_BOUND, POLICY_AUTH_VALUE, POLICY_PASSWORD,
        POLICY_SECRET, POLICY_BOUND_AUTH_VALUE, POLICY_BOUND_ELSEWHERE_SECRET }

    /** Who encrypts: nobody, the authorizing session (both ways), a separate session (both ways), or split. */
    enum Mode { NONE, BY_AUTHORIZING_SESSION, BY_SEPARATE_SESSION, SPLIT }

    static final TpmtSymDef XOR = new TpmtSymDef(TpmAlgId.XOR, TpmAlgId.SHA256, TpmAlgId.NULL);
    static final List<TpmtSymDef> ALGORITHMS = List.of(TpmtSymDef.AES_128_CFB, TpmtSymDef.AES_256_CFB, XOR);
    static final int INDEX = 0x01500400;
    /** An index larger than one NV_BUFFER_MAX chunk, with the same authValue and authPolicy. */
    static final int BIG_INDEX = 0x01500401;
    static final int BIG_SIZE = 1500;
    static final int PERSISTENT = 0x81000140;
    static final byte[] INDEX_AUTH = "nv index auth".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_AUTH = "signing key auth".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NEW_OWNER_AUTH = "changed owner auth".getBytes(StandardCharsets.US_ASCII);
    static final SecureRandom RANDOM = new SecureRandom();

    static Swtpm sim;
    static Tpm tpm;
    static SwtpmTransport wire;
    static CreatePrimary.Response rsaEk;
    static CreatePrimary.Response eccEk;
    static CreatePrimary.Response signer;
    /** PolicyOR(PolicyAuthValue, PolicySecret(owner)): satisfiable by every policy kind. */
    static Bytes branchAuthValue;
    static Bytes branchSecret;
    static Bytes policy;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
        wire = sim.transport();
        tpm = Tpm.open(wire);
        rsaEk = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
        eccEk = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
        branchAuthValue = PolicyDigest.start(TpmAlgId.SHA256).policyAuthValue().digest();
        branchSecret = PolicyDigest.start(TpmAlgId.SHA256).policySecret(Names.handle(TpmRh.OWNER), Bytes.EMPTY)
                .digest();
        policy = PolicyDigest.start(TpmAlgId.SHA256).policyOr(List.of(branchAuthValue, branchSecret)).digest();
        tpm.nvDefineSpace(new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                TpmaNv.POLICYREAD, TpmaNv.POLICYWRITE), policy, 32), INDEX_AUTH, Authorization.owner());
        tpm.nvDefineSpace(new TpmsNvPublic(BIG_INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                TpmaNv.POLICYREAD, TpmaNv.POLICYWRITE), policy, BIG_SIZE), INDEX_AUTH, Authorization.owner());
        signer = createSigner();
        tpm.execute(new SetPrimaryPolicy(TpmRh.OWNER, policy, TpmAlgId.SHA256), PasswordSession.empty());
    }

    /** The signing key of the NV_Certify column (a primary: the same key each time it is created). */
    static CreatePrimary.Response createSigner() {
        TpmtPublic signing = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.FIXED_TPM,
                TpmaObject.FIXED_PARENT, TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                TpmaObject.SIGN_ENCRYPT), policy, new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.of(TpmAlgId.ECDSA,
                TpmAlgId.SHA256), TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.EMPTY,
                Bytes.EMPTY));
        return tpm.execute(new CreatePrimary(TpmRh.OWNER, new TpmsSensitiveCreate(KEY_AUTH, Bytes.EMPTY), signing,
                Bytes.EMPTY, TpmlPcrSelection.EMPTY), PasswordSession.empty());
    }

    @AfterAll
    static void stop() {
        try {
            tpm.execute(new SetPrimaryPolicy(TpmRh.OWNER, Bytes.EMPTY, TpmAlgId.NULL), PasswordSession.empty());
            tpm.nvUndefineSpace(INDEX, Authorization.owner());
            tpm.nvUndefineSpace(BIG_INDEX, Authorization.owner());
            tpm.close();
        } finally {
            sim.close();
        }
    }

    /** One cell's sessions: the authorization for the entity under test and an optional separate session. */
    record Sessions(Authorization auth, KeyedSession separate, boolean separateDecrypts, List<KeyedSession> toClose)
            implements AutoCloseable {
        @Override
        public void close() {
            for (KeyedSession c : toClose) {
                c.close();
            }
        }
    }

    /**
     * Starts the sessions of one cell for {@code entity} with authValue {@code auth}; policy sessions are given their
     * assertions (PolicyAuthValue / PolicyPassword / PolicySecret, then PolicyOR) right before each use by
     * {@link #assertPolicy}.
     */
    static Sessions sessions(Kind kind, Mode mode, TpmtSymDef alg, int entity, byte[] auth) {
        return sessions(kind, mode, alg, entity, auth, false);
    }

    /** As above; {@code carry}: a policy session carries its assertions, which tpm2j re-runs before each use. */
    static Sessions sessions(Kind kind, Mode mode, TpmtSymDef alg, int entity, byte[] auth, boolean carry) {
        List<KeyedSession> close = new ArrayList<>();
        boolean authEncrypts = mode == Mode.BY_AUTHORIZING_SESSION || mode == Mode.SPLIT;
        SessionOptions base = switch (kind) {
            case PASSWORD -> null;
            case HMAC -> SessionOptions.hmac(TpmAlgId.SHA256);
            case HMAC_SALTED_RSA -> SessionOptions.hmac(TpmAlgId.SHA256).withSalt(rsaEk.objectHandle(),
                    rsaEk.outPublic());
            case HMAC_SALTED_ECC -> SessionOptions.hmac(TpmAlgId.SHA256).withSalt(eccEk.objectHandle(),
                    eccEk.outPublic());
            case HMAC_BOUND -> SessionOptions.hmac(TpmAlgId.SHA256).withBind(entity, auth);
            case POLICY_AUTH_VALUE, POLICY_PASSWORD, POLICY_SECRET -> SessionOptions.policy(TpmAlgId.SHA256);
            // bound to the entity it authorizes: its authValue keys the session and still joins the HMAC
            case POLICY_BOUND_AUTH_VALUE -> SessionOptions.policy(TpmAlgId.SHA256).withBind(entity, auth);
            // bound to another entity (the endorsement hierarchy, empty authValue), unsalted
            case POLICY_BOUND_ELSEWHERE_SECRET -> SessionOptions.policy(TpmAlgId.SHA256).withBind(TpmRh.ENDORSEMENT,
                    new byte[0]);
        };
        AuthSession session;
        if (base == null) {
            session = PasswordSession.of(auth);
        } else {
            SessionOptions o = base;
            if (authEncrypts) {
                o = o.withEncryption(alg, true, mode == Mode.BY_AUTHORIZING_SESSION);
            }
            KeyedSession s = carry && o.kind() == SessionOptions.Kind.POLICY
                    ? tpm.startPolicySession(o, (t, p) -> assertPolicy(kind, p, new byte[0])) : start(o);
            close.add(s);
            session = s;
        }
        KeyedSession separate = null;
        if (mode == Mode.BY_SEPARATE_SESSION || mode == Mode.SPLIT) {
            separate = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(eccEk.objectHandle(),
                    eccEk.outPublic()).withEncryption(alg, mode == Mode.BY_SEPARATE_SESSION, true));
            close.add(separate);
        }
        return new Sessions(Authorization.of(entity, session, auth), separate, mode == Mode.BY_SEPARATE_SESSION, close);
    }

    /** Starts an HMAC or a policy session as {@code o} says. */
    static KeyedSession start(SessionOptions o) {
        return o.kind() == SessionOptions.Kind.HMAC ? tpm.startHmacSession(o) : tpm.startPolicySession(o);
    }

    /** Runs the policy assertions for a policy kind (no-op for the others). */
    static void assertPolicy(Kind kind, AuthSession s, byte[] ownerAuth) {
        if (!(s instanceof PolicySession p)) {
            return;
        }
        switch (kind) {
            case POLICY_AUTH_VALUE, POLICY_BOUND_AUTH_VALUE -> tpm.policyAuthValue(p);
            case POLICY_PASSWORD -> tpm.policyPassword(p);
            case POLICY_SECRET, POLICY_BOUND_ELSEWHERE_SECRET -> tpm.execute(PolicySecret.of(TpmRh.OWNER, p.handle()),
                    PasswordSession.of(ownerAuth));
            default -> throw new IllegalStateException(kind.toString());
        }
        tpm.execute(new PolicyOr(p.handle(), new TpmlDigest(List.of(branchAuthValue, branchSecret))));
    }

    /** The separate session if it has something to do for {@code command}, else none (the TPM refuses idle ones). */
    static AuthSession[] extra(Sessions s, TpmCommand<?> command) {
        if (s.separate() == null) {
            return new AuthSession[0];
        }
        boolean useful = (s.separateDecrypts() && command.shape().encryptsCommand())
                || command.shape().encryptsResponse();
        return useful ? new AuthSession[] {s.separate()} : new AuthSession[0];
    }

    static List<Mode> modesFor(Kind kind) {
        return kind == Kind.PASSWORD ? List.of(Mode.NONE, Mode.BY_SEPARATE_SESSION) : List.of(Mode.values());
    }

    static List<TpmtSymDef> algorithmsFor(Mode mode) {
        return mode == Mode.NONE ? List.of(TpmtSymDef.NULL) : ALGORITHMS;
    }

    static int lockoutCounter() {
        return tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
    }

    /** Runs every cell of one command column; returns the failures (none expected). */
    interface Cell {
        void run(Kind kind, Mode mode, TpmtSymDef alg) throws Exception;
    }

    static void everyCell(String command, Cell cell) {
        int before = lockoutCounter();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (Kind kind : Kind.values()) {
            for (Mode mode : modesFor(kind)) {
                for (TpmtSymDef alg : algorithmsFor(mode)) {
                    cells++;
                    try {
                        cell.run(kind, mode, alg);
                    } catch (Exception | AssertionError e) {
                        failures.add(command + " / " + kind + " / " + mode + " / " + alg + ": " + e);
                    }
                    if (lockoutCounter() != before) {
                        failures.add(command + " / " + kind + " / " + mode + " / " + alg + ": lockout counter moved");
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), failures, cells + " cells");
        assertEquals(before, lockoutCounter(), "TPM_PT_LOCKOUT_COUNTER unchanged");
    }

    @Test
    void nvWriteThenReadOfADaProtectedIndex() {
        everyCell("NV_Write+NV_Read", (kind, mode, alg) -> {
            byte[] data = new byte[32];
            RANDOM.nextBytes(data);
            try (Sessions s = sessions(kind, mode, alg, INDEX, INDEX_AUTH)) {
                NvWrite write = new NvWrite(INDEX, INDEX, data, 0);
                assertPolicy(kind, s.auth().session(), new byte[0]);
                tpm.execute(write, List.of(s.auth()), extra(s, write));
                NvRead read = new NvRead(INDEX, INDEX, 32, 0);
                assertPolicy(kind, s.auth().session(), new byte[0]);
                byte[] back = tpm.execute(read, List.of(s.auth()), extra(s, read)).data();
                assertEquals(Bytes.of(data), Bytes.of(back), "read back through the same sessions");
            }
            assertEquals(Bytes.of(data), Bytes.of(tpm.nvRead(INDEX, Authorization.nvIndex(PasswordSession.of(
                    INDEX_AUTH)))), "what the TPM stored, read with a password");
        });
    }

    @Test
    void nvCertifyWithTwoAuthorizedHandles() {
        byte[] data = new byte[32];
        RANDOM.nextBytes(data);
        tpm.nvWrite(INDEX, 0, data, Authorization.nvIndex(PasswordSession.of(INDEX_AUTH)));
        everyCell("NV_Certify", (kind, mode, alg) -> {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            try (Sessions s = sessions(kind, mode, alg, signer.objectHandle(), KEY_AUTH);
                 KeyedSession indexAuth = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
                NvCertify certify = new NvCertify(signer.objectHandle(), INDEX, INDEX, Bytes.of(nonce),
                        TpmtSigScheme.NULL, 32, 0);
                assertPolicy(kind, s.auth().session(), new byte[0]);
                NvCertify.Response r = tpm.execute(certify, List.of(s.auth(),
                        Authorization.of(INDEX, indexAuth, INDEX_AUTH)), extra(s, certify));
                Bytes info = r.certifyInfo();
                // TPMS_NV_CERTIFY_INFO ends with nvContents (TPM2B): the last 34 bytes are 0x0020 ‖ data.
                assertEquals(Bytes.of(data), info.slice(info.size() - 32, info.size()), "nvContents");
                assertEquals(32, ((info.get(info.size() - 34) & 0xFF) << 8) | (info.get(info.size() - 33) & 0xFF));
                assertEquals(true, indexOf(info.toByteArray(), nonce) >= 0, "extraData carries the nonce");
            }
        });
    }

    @Test
    void hierarchyChangeAuthAndBack() {
        everyCell("HierarchyChangeAuth", (kind, mode, alg) -> {
            byte[] empty = new byte[0];
            try (Sessions s = sessions(kind, mode, alg, TpmRh.OWNER, empty)) {
                HierarchyChangeAuth change = new HierarchyChangeAuth(TpmRh.OWNER, NEW_OWNER_AUTH);
                assertPolicy(kind, s.auth().session(), empty);
                tpm.execute(change, List.of(s.auth()), extra(s, change));
                try {
                    // the TPM did change it: a password session with the new value works
                    tpm.execute(new SetPrimaryPolicy(TpmRh.OWNER, policy, TpmAlgId.SHA256),
                            PasswordSession.of(NEW_OWNER_AUTH));
                    HierarchyChangeAuth back = new HierarchyChangeAuth(TpmRh.OWNER, empty);
                    assertPolicy(kind, s.auth().session(), NEW_OWNER_AUTH);
                    Authorization again = kind == Kind.PASSWORD
                            ? Authorization.of(TpmRh.OWNER, PasswordSession.of(NEW_OWNER_AUTH))
                            : Authorization.of(TpmRh.OWNER, s.auth().session(), NEW_OWNER_AUTH);
                    tpm.execute(back, List.of(again), extra(s, back));
                } catch (RuntimeException | AssertionError e) {
                    tpm.execute(new HierarchyChangeAuth(TpmRh.OWNER, empty), PasswordSession.of(NEW_OWNER_AUTH));
                    throw e;
                }
            }
            tpm.execute(new SetPrimaryPolicy(TpmRh.OWNER, policy, TpmAlgId.SHA256), PasswordSession.empty());
        });
    }

    /**
     * NV_Write and NV_Read of an index larger than one chunk through the facade: policy sessions carry their policy
     * (re-run before each chunk), separate sessions join every chunk.
     */
    @Test
    void chunkedNvWithCarriedPolicies() {
        assertTrue(BIG_SIZE > tpm.nvBufferMax(), "more than one chunk");
        everyCell("chunked NV_Write+NV_Read", (kind, mode, alg) -> {
            byte[] data = new byte[BIG_SIZE];
            RANDOM.nextBytes(data);
            try (Sessions s = sessions(kind, mode, alg, BIG_INDEX, INDEX_AUTH, true)) {
                AuthSession[] extra = s.separate() == null ? new AuthSession[0] : new AuthSession[] {s.separate()};
                tpm.nvWrite(BIG_INDEX, 0, data, s.auth(), extra);
                assertEquals(Bytes.of(data), Bytes.of(tpm.nvRead(BIG_INDEX, 0, BIG_SIZE, s.auth(), extra)));
            }
            assertEquals(Bytes.of(data), Bytes.of(tpm.nvRead(BIG_INDEX, Authorization.nvIndex(PasswordSession.of(
                    INDEX_AUTH)))), "what the TPM stored, read with a password");
        });
    }

    /** A DA-protected signing key with {@link #KEY_AUTH} and the matrix's authPolicy, made distinct by {@code unique}. */
    static TpmtPublic signingKey(String unique) {
        return new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.FIXED_TPM,
                TpmaObject.FIXED_PARENT, TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                TpmaObject.SIGN_ENCRYPT), policy, new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.of(TpmAlgId.ECDSA,
                TpmAlgId.SHA256), TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.of(
                java.util.Arrays.copyOf(unique.getBytes(StandardCharsets.US_ASCII), 32)), Bytes.of(new byte[32])));
    }

    static void persist(Tpm t, String unique) {
        CreatePrimary.Response k = t.execute(new CreatePrimary(TpmRh.OWNER, new TpmsSensitiveCreate(KEY_AUTH,
                Bytes.EMPTY), signingKey(unique), Bytes.EMPTY, TpmlPcrSelection.EMPTY), PasswordSession.empty());
        t.evictControl(Authorization.owner(), k.objectHandle(), PERSISTENT);
        t.flushContext(k.objectHandle());
    }

    static void evict(Tpm t) {
        t.execute(new EvictControl(TpmRh.OWNER, PERSISTENT, PERSISTENT), PasswordSession.empty());
    }

    /**
     * The stale-name scenario: between two Quotes with the same sessions, another program (its own connection)
     * replaces the persistent key at the handle with another key of the same authValue. tpm2j reads the name again
     * for each command, so the second Quote is authorized too and no authorization failure is counted.
     */
    @Test
    void persistentKeyReplacedByAnotherProgramBetweenUses() {
        int[] cell = {0};
        tpm.flushContext(signer.objectHandle()); // swtpm holds three objects: make room for the persistent key's
        try {
            everyCell("Quote, key re-persisted", (kind, mode, alg) -> quoteAcrossARepersist(kind, mode, alg, cell));
        } finally {
            signer = createSigner();
        }
    }

    static void quoteAcrossARepersist(Kind kind, Mode mode, TpmtSymDef alg, int[] cell) {
        persist(tpm, "first " + cell[0]++);
        try (Sessions s = sessions(kind, mode, alg, PERSISTENT, KEY_AUTH, true)) {
            Quote quote = new Quote(PERSISTENT, Bytes.of(new byte[8]), TpmtSigScheme.NULL, TpmlPcrSelection.EMPTY);
            tpm.execute(quote, List.of(s.auth()), extra(s, quote));
            wire.disconnect();
            try (Tpm other = sim.openTpm()) {
                evict(other);
                persist(other, "second " + cell[0]);
            }
            tpm.execute(quote, List.of(s.auth()), extra(s, quote));
        } finally {
            evict(tpm);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.commands.NvDefineSpace;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.PolicyAuthValue;
import dev.tpm2j.core.commands.PolicyCommandCode;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicyPassword;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.session.CommandAuthContext;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import dev.tpm2j.transport.SwtpmTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions cross-checked with tpm2-tools on the same swtpm: policy digests from tpm2-tools trial sessions equal
 * tpm2j's software digests and tpm2j trial sessions' PolicyGetDigest; an NV index written through encrypted sessions
 * by one side is read by the other; and the cpHash tpm2-tools computes for a command equals the one tpm2j computes
 * from its own marshalling (pinning the parameter bytes against an independent implementation).
 */
class TpmToolsSessionInteropTest {
    static final int EK_PERSISTENT = 0x81010099;
    static final int INDEX = 0x01500500;
    static final String PASSWORD = "interop-pw";

    static Swtpm sim;
    static SwtpmTransport transport;
    static Tpm tpm;
    static CreatePrimary.Response ek;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
        transport = sim.transport();
        tpm = Tpm.open(transport);
        ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
        tpm.evictControl(Authorization.owner(), ek.objectHandle(), EK_PERSISTENT);
        tpm.nvDefineSpace(new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE),
                Bytes.EMPTY, 32), PASSWORD.getBytes(StandardCharsets.US_ASCII), Authorization.owner());
    }

    @AfterAll
    static void stop() {
        try {
            tpm.nvUndefineSpace(INDEX, Authorization.owner());
            tpm.evictControl(Authorization.owner(), EK_PERSISTENT, EK_PERSISTENT);
            tpm.close();
        } finally {
            sim.close();
        }
    }

    static String tools(String tool, String... args) {
        transport.disconnect(); // swtpm serves one client at a time
        return Tpm2Tools.run(sim, tool, args);
    }

    /** tpm2-tools trial session + one policy tool; returns the digest it wrote with -L. */
    static Bytes toolsTrialDigest(Path dir, String tool, String... args) throws Exception {
        Path ctx = dir.resolve("trial.ctx");
        Path out = dir.resolve("policy.dig");
        tools("tpm2_startauthsession", "-S", ctx.toString());
        try {
            String[] all = new String[args.length + 4];
            all[0] = "-S";
            all[1] = ctx.toString();
            all[2] = "-L";
            all[3] = out.toString();
            System.arraycopy(args, 0, all, 4, args.length);
            tools(tool, all);
        } finally {
            tools("tpm2_flushcontext", ctx.toString());
        }
        return Bytes.of(Files.readAllBytes(out));
    }

    /** A tpm2j trial session after {@code assertions}: its PolicyGetDigest. */
    static Bytes tpm2jTrialDigest(Consumer<PolicySession> assertions) {
        try (PolicySession trial = tpm.startPolicySession(SessionOptions.trial(TpmAlgId.SHA256))) {
            assertions.accept(trial);
            return tpm.policyGetDigest(trial);
        }
    }

    @Test
    void policyDigestsEqualTpm2ToolsAndPolicyGetDigest(@TempDir Path dir) throws Exception {
        PolicyDigest start = PolicyDigest.start(TpmAlgId.SHA256);
        Bytes authValue = start.policyAuthValue().digest();
        assertEquals(authValue, toolsTrialDigest(dir, "tpm2_policyauthvalue"), "PolicyAuthValue vs tpm2-tools");
        assertEquals(authValue, tpm2jTrialDigest(s -> tpm.execute(new PolicyAuthValue(s.handle()))));

        Bytes password = start.policyPassword().digest();
        assertEquals(password, toolsTrialDigest(dir, "tpm2_policypassword"), "PolicyPassword vs tpm2-tools");
        assertEquals(password, tpm2jTrialDigest(s -> tpm.execute(new PolicyPassword(s.handle()))));

        Bytes secret = start.policySecret(Names.handle(TpmRh.OWNER), Bytes.EMPTY).digest();
        assertEquals(secret, toolsTrialDigest(dir, "tpm2_policysecret", "-c", "o"), "PolicySecret vs tpm2-tools");
        assertEquals(secret, tpm2jTrialDigest(s -> tpm.execute(PolicySecret.of(TpmRh.OWNER, s.handle()),
                PasswordSession.empty())));

        Bytes commandCode = start.policyCommandCode(TpmCc.NV_Read).digest();
        assertEquals(commandCode, toolsTrialDigest(dir, "tpm2_policycommandcode", "TPM2_CC_NV_Read"));
        assertEquals(commandCode, tpm2jTrialDigest(s -> tpm.execute(new PolicyCommandCode(s.handle(),
                TpmCc.NV_Read))));

        Bytes or = start.policyOr(List.of(authValue, secret)).digest();
        Files.write(dir.resolve("a.dig"), authValue.toByteArray());
        Files.write(dir.resolve("b.dig"), secret.toByteArray());
        assertEquals(or, toolsTrialDigest(dir, "tpm2_policyor", "-l", "sha256:" + dir.resolve("a.dig") + ","
                + dir.resolve("b.dig")), "PolicyOR vs tpm2-tools");
        assertEquals(or, tpm2jTrialDigest(s -> tpm.execute(new PolicyOr(s.handle(), new TpmlDigest(List.of(
                authValue, secret))))));
    }

    @Test
    void nvWrittenThroughEncryptedSessionsByOneSideIsReadByTheOther(@TempDir Path dir) throws Exception {
        int lockout = tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
        byte[] password = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        SecureRandom random = new SecureRandom();
        byte[] ours = new byte[32];
        random.nextBytes(ours);
        SessionOptions salted = SessionOptions.hmac(TpmAlgId.SHA256).withSalt(EK_PERSISTENT, ek.outPublic());
        try (KeyedSession auth = tpm.startHmacSession(salted);
             KeyedSession enc = tpm.startHmacSession(salted.withEncryption(TpmtSymDef.AES_128_CFB, true, true))) {
            tpm.execute(new NvWrite(INDEX, INDEX, ours, 0), List.of(Authorization.nvIndex(auth, password)), enc);
        }
        Path ctx = dir.resolve("enc.ctx");
        Path out = dir.resolve("read.bin");
        Path in = dir.resolve("write.bin");
        byte[] theirs = new byte[32];
        random.nextBytes(theirs);
        Files.write(in, theirs);
        tools("tpm2_startauthsession", "--hmac-session", "-c", "0x" + Integer.toHexString(EK_PERSISTENT), "-S",
                ctx.toString());
        try {
            tools("tpm2_sessionconfig", ctx.toString(), "--enable-encrypt", "--enable-decrypt");
            tools("tpm2_nvread", "0x" + Integer.toHexString(INDEX), "-C", "0x" + Integer.toHexString(INDEX), "-P",
                    PASSWORD, "-S", ctx.toString(), "-s", "32", "-o", out.toString());
            assertArrayEquals(ours, Files.readAllBytes(out), "tpm2-tools reads what tpm2j wrote");
            tools("tpm2_nvwrite", "0x" + Integer.toHexString(INDEX), "-C", "0x" + Integer.toHexString(INDEX), "-P",
                    PASSWORD, "-S", ctx.toString(), "-i", in.toString());
        } finally {
            tools("tpm2_flushcontext", ctx.toString());
        }
        try (KeyedSession auth = tpm.startHmacSession(salted
                .withEncryption(TpmtSymDef.AES_256_CFB, true, true))) {
            byte[] back = tpm.execute(new NvRead(INDEX, INDEX, 32, 0), List.of(Authorization.nvIndex(auth,
                    password))).data();
            assertArrayEquals(theirs, back, "tpm2j reads what tpm2-tools wrote");
        }
        assertEquals(lockout, tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow());
    }

    /** cpHash of {@code command} as tpm2j computes it from its own marshalling and the TPM's names. */
    static Bytes cpHash(TpmCommand<?> command) {
        TpmWriter w = new TpmWriter();
        command.marshalParameters(w);
        byte[] params = w.toByteArray();
        List<Bytes> names = Arrays.stream(command.handles()).mapToObj(tpm::nameOf).toList();
        return Bytes.of(new CommandAuthContext(command.shape().commandCode(), () -> names, params).cpHash(TpmAlgId.SHA256));
    }

    static Bytes toolsCpHash(Path dir, String tool, String... args) throws Exception {
        Path cp = dir.resolve("cp.bin");
        Files.deleteIfExists(cp);
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--cphash=" + cp;
        tools(tool, all);
        byte[] raw = Files.readAllBytes(cp);
        // tpm2-tools writes a TPM2B_DIGEST (size ‖ SHA-256 digest)
        assertEquals(32, ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF), "cpHash size");
        assertEquals(34, raw.length, "cpHash file");
        return Bytes.of(Arrays.copyOfRange(raw, 2, raw.length));
    }

    @Test
    void cpHashesEqualTpm2Tools(@TempDir Path dir) throws Exception {
        byte[] data = "pinned by tpm2-tools".getBytes(StandardCharsets.US_ASCII);
        Path in = dir.resolve("data.bin");
        Files.write(in, data);
        String index = "0x" + Integer.toHexString(INDEX);
        assertEquals(toolsCpHash(dir, "tpm2_nvwrite", index, "-C", "o", "-i", in.toString(), "--offset", "3"),
                cpHash(new NvWrite(TpmRh.OWNER, INDEX, data, 3)), "NV_Write");
        assertEquals(toolsCpHash(dir, "tpm2_nvread", index, "-C", "o", "-s", "16", "--offset", "2"),
                cpHash(new NvRead(TpmRh.OWNER, INDEX, 16, 2)), "NV_Read");
        assertEquals(toolsCpHash(dir, "tpm2_changeauth", "-c", "o", "new-owner-auth"),
                cpHash(new HierarchyChangeAuth(TpmRh.OWNER, "new-owner-auth".getBytes(StandardCharsets.US_ASCII))),
                "HierarchyChangeAuth");
        assertEquals(toolsCpHash(dir, "tpm2_nvdefine", "0x01500501", "-C", "o", "-s", "32", "-a",
                        "ownerread|ownerwrite|authread|authwrite", "-p", "pw"),
                cpHash(new NvDefineSpace(TpmRh.OWNER, "pw".getBytes(StandardCharsets.US_ASCII), new TpmsNvPublic(
                        0x01500501, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERREAD, TpmaNv.OWNERWRITE, TpmaNv.AUTHREAD,
                        TpmaNv.AUTHWRITE), Bytes.EMPTY, 32))), "NV_DefineSpace");
    }
}

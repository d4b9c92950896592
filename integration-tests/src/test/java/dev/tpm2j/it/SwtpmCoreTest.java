package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.ActivateCredential;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.commands.LoadExternal;
import dev.tpm2j.core.commands.MakeCredential;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.PolicyGetDigest;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.Quote;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.commands.Startup;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkPolicies;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmuAttest;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import dev.tpm2j.transport.SwtpmTransport;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tpm2-core against a real swtpm: the commands, the facade, and interop with tpm2-tools on the same simulator. */
class SwtpmCoreTest {
    private static final int RSA_EK_CERT = 0x01C00002;
    private static final int TEST_INDEX = 0x01500100;
    private static final SecureRandom RANDOM = new SecureRandom();

    static Swtpm sim;
    TpmTransport transport;
    Tpm tpm;

    /** The transport under test; subclasses run the same suite over other framings. */
    TpmTransport newTransport() {
        return sim.transport();
    }

    /** Lets another client (tpm2-tools) connect: swtpm serves one connection at a time. */
    void releaseConnection() {
        ((SwtpmTransport) transport).disconnect();
    }

    @BeforeAll
    static void startSimulator() {
        sim = Swtpm.start();
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void open() {
        transport = newTransport();
        tpm = Tpm.open(transport);
    }

    @AfterEach
    void close() {
        tpm.close();
    }

    @Test
    void getRandomReturnsRequestedLengthAndFreshBytes() {
        byte[] a = tpm.getRandom(100);
        byte[] b = tpm.getRandom(100);
        assertEquals(100, a.length);
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void handlePagingWithOneHandlePerPageMatchesOneShotQuery() {
        List<Integer> all = tpm.getHandles(0x01000000);
        assertTrue(all.contains(RSA_EK_CERT), "swtpm_setup writes the RSA EK certificate at 0x01C00002: " + all);
        assertTrue(all.size() >= 3, "EK certs (RSA, ECC) and the platform certificate: " + all);

        List<Integer> paged = new ArrayList<>();
        int next = 0x01000000;
        int pages = 0;
        while (true) {
            GetCapability.Response r = tpm.execute(new GetCapability(TpmCap.HANDLES, next, 1));
            List<Integer> h = ((TpmlHandle) r.capabilityData().data()).handles();
            assertTrue(h.size() <= 1, "asked for one handle per page");
            paged.addAll(h);
            pages++;
            if (!r.moreData()) {
                break;
            }
            next = h.get(h.size() - 1) + 1;
        }
        assertEquals(all, paged);
        assertEquals(all.size(), pages, "one page per handle, the last without moreData");
    }

    @Test
    void fixedPropertiesAcrossPages() {
        Map<Integer, Integer> props = tpm.getProperties(TpmPt.FIXED, 0x100);
        assertEquals(0x322E3000, props.get(TpmPt.FAMILY_INDICATOR), "\"2.0\\0\"");
        assertTrue(props.containsKey(TpmPt.MANUFACTURER));
        assertEquals(props.get(TpmPt.NV_BUFFER_MAX), tpm.nvBufferMax());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 2048})
    void nvDefineWriteReadUndefine(int size) {
        TpmsNvPublic pub = new TpmsNvPublic(TEST_INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE,
                TpmaNv.OWNERREAD, TpmaNv.AUTHWRITE, TpmaNv.AUTHREAD, TpmaNv.NO_DA), Bytes.EMPTY, size);
        tpm.nvDefineSpace(pub, Authorization.owner());
        try {
            byte[] data = new byte[size];
            RANDOM.nextBytes(data);
            tpm.nvWrite(TEST_INDEX, 0, data, Authorization.owner());
            assertArrayEquals(data, tpm.nvRead(TEST_INDEX));
            assertArrayEquals(data, tpm.nvRead(TEST_INDEX, Authorization.owner()));
            TpmsNvPublic after = tpm.nvReadPublic(TEST_INDEX).nvPublic();
            assertEquals(size, after.dataSize());
            assertEquals(size > 0, after.attributes().has(TpmaNv.WRITTEN));
        } finally {
            tpm.nvUndefineSpace(TEST_INDEX, Authorization.owner());
        }
    }

    @Test
    void nvIndexWithPasswordAndWriteLock() {
        TpmsNvPublic pub = new TpmsNvPublic(TEST_INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHWRITE,
                TpmaNv.AUTHREAD, TpmaNv.WRITEDEFINE, TpmaNv.NO_DA), Bytes.EMPTY, 16);
        byte[] secret = "s3cret!".getBytes();
        tpm.nvDefineSpace(pub, secret, Authorization.owner());
        try (PasswordSession pw = PasswordSession.of(secret)) {
            byte[] data = "0123456789abcdef".getBytes();
            tpm.nvWrite(TEST_INDEX, 0, data, Authorization.nvIndex(pw));
            TpmResponseException bad = assertThrows(TpmResponseException.class, () -> tpm.nvRead(TEST_INDEX));
            assertEquals(TpmRc.BAD_AUTH, bad.responseCode().base(), bad.getMessage());
            assertEquals(1, bad.responseCode().session());
            assertArrayEquals(data, tpm.nvRead(TEST_INDEX, Authorization.nvIndex(pw)));
            tpm.nvWriteLock(TEST_INDEX, Authorization.nvIndex(pw));
            assertTrue(tpm.nvReadPublic(TEST_INDEX).nvPublic().attributes().has(TpmaNv.WRITELOCKED));
            TpmResponseException locked = assertThrows(TpmResponseException.class,
                    () -> tpm.nvWrite(TEST_INDEX, 0, data, Authorization.nvIndex(pw)));
            assertTrue(locked.is(TpmRc.NV_LOCKED), locked.getMessage());
            assertTrue(locked.getMessage().startsWith("TPM2_NV_Write failed: TPM_RC_NV_LOCKED"), locked.getMessage());
        } finally {
            tpm.nvUndefineSpace(TEST_INDEX, Authorization.owner());
        }
    }

    @Test
    void errorsCarryCodeNameBlameAndSentence() {
        TpmResponseException missing = assertThrows(TpmResponseException.class, () -> tpm.nvRead(0x01FFFFF0));
        assertEquals("TPM2_NV_ReadPublic", missing.commandName());
        assertTrue(missing.is(TpmRc.HANDLE));
        assertEquals(1, missing.responseCode().handle());
        assertTrue(missing.getMessage().contains("0x01fffff0 is not defined"), missing.getMessage());

        int tooBig = tpm.nvBufferMax() + 1;
        TpmResponseException size = assertThrows(TpmResponseException.class, () -> tpm.execute(
                new NvRead(RSA_EK_CERT, RSA_EK_CERT, tooBig, 0), PasswordSession.empty()));
        assertTrue(size.is(TpmRc.SIZE) || size.is(TpmRc.VALUE), size.getMessage());
        assertTrue(size.getMessage().startsWith("TPM2_NV_Read failed: TPM_RC_"), size.getMessage());

        TpmResponseException started = assertThrows(TpmResponseException.class,
                () -> tpm.execute(new Startup(Startup.SU_CLEAR)));
        assertTrue(started.is(TpmRc.INITIALIZE));
        assertTrue(started.getMessage().contains("already started"), started.getMessage());
    }

    @Test
    void rsaEkCertificateEqualsTpm2ToolsAndMatchesRecreatedEk(@TempDir Path dir) throws Exception {
        byte[] ours = tpm.nvRead(RSA_EK_CERT);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ours));
        assertTrue(cert.getPublicKey() instanceof RSAPublicKey);

        releaseConnection(); // swtpm serves one client at a time
        Path out = dir.resolve("ek.der");
        Tpm2Tools.run(sim, "tpm2_nvread", "-C", "o", "-o", out.toString(), "0x01c00002");
        assertArrayEquals(Files.readAllBytes(out), ours);

        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
        try {
            byte[] modulus = ((Tpm2bPublicKeyRsa) ek.outPublic().unique()).buffer().toByteArray();
            assertEquals(((RSAPublicKey) cert.getPublicKey()).getModulus(), new BigInteger(1, modulus),
                    "EK recreated from template L-1 has the certified key");
            assertEquals(EkTemplates.L1_RSA2048.authPolicy(), ek.outPublic().authPolicy());
            assertEquals(Names.object(ek.outPublic()), ek.name());

            ReadPublic.Response rp = tpm.readPublic(ek.objectHandle());
            assertEquals(ek.name(), rp.name());

            int persistent = 0x81010077;
            tpm.evictControl(Authorization.owner(), ek.objectHandle(), persistent);
            try {
                releaseConnection();
                String printed = Tpm2Tools.run(sim, "tpm2_readpublic", "-c", "0x81010077");
                Matcher m = Pattern.compile("(?m)^name: ([0-9a-f]+)").matcher(printed);
                assertTrue(m.find(), printed);
                assertEquals(ek.name().toHex(), m.group(1));
                assertEquals(ek.name(), tpm.readPublic(persistent).name());
            } finally {
                tpm.evictControl(Authorization.owner(), persistent, persistent);
            }
        } finally {
            tpm.flushContext(ek.objectHandle());
        }
    }

    @Test
    void eccEkMatchesCertificateWhenSwtpmMadeOne() throws Exception {
        // swtpm_setup certifies an ECC P-384 EK (high-range template H-3) at 0x01C00016
        byte[] der = tpm.nvRead(0x01C00016);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        ECPublicKey key = (ECPublicKey) cert.getPublicKey();
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.H3_ECC_P384);
        try {
            TpmsEccPoint p = (TpmsEccPoint) ek.outPublic().unique();
            assertEquals(key.getW().getAffineX(), new BigInteger(1, p.x().toByteArray()));
            assertEquals(key.getW().getAffineY(), new BigInteger(1, p.y().toByteArray()));
        } finally {
            tpm.flushContext(ek.objectHandle());
        }
    }

    @Test
    void policySecretOnTheTpmGivesTheSoftwarePolicyA() {
        for (int alg : new int[] {TpmAlgId.SHA256, TpmAlgId.SHA384}) {
            try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(alg))) {
                tpm.execute(PolicySecret.of(TpmRh.ENDORSEMENT, s.handle()), PasswordSession.empty());
                Bytes digest = tpm.execute(new PolicyGetDigest(s.handle())).policyDigest();
                assertEquals(EkPolicies.policyA(alg), digest, TpmAlgId.name(alg));
                tpm.execute(new PolicyOr(s.handle(), new TpmlDigest(List.of(EkPolicies.policyA(alg),
                        EkPolicies.policyC(alg)))));
                assertEquals(EkPolicies.policyB(alg), tpm.execute(new PolicyGetDigest(s.handle())).policyDigest());
            }
        }
    }

    @Test
    void makeCredentialOnTpmThenActivateCredentialWithEkPolicySession() {
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
        CreatePrimary.Response ak = tpm.createPrimary(Authorization.owner(), KeyTemplates.AK_RSA2048);
        try {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            LoadExternal.Response ekPub = tpm.execute(new LoadExternal(ek.outPublic(), TpmRh.NULL));
            MakeCredential.Response blob;
            try {
                blob = tpm.execute(new MakeCredential(ekPub.objectHandle(), secret, ak.name()));
            } finally {
                tpm.flushContext(ekPub.objectHandle());
            }
            try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                tpm.execute(PolicySecret.of(TpmRh.ENDORSEMENT, s.handle()), PasswordSession.empty());
                byte[] got = tpm.execute(new ActivateCredential(ak.objectHandle(), ek.objectHandle(),
                        blob.credentialBlob(), blob.secret()), PasswordSession.empty(), s).certInfo();
                assertArrayEquals(secret, got);
            }
            // without PolicySecret the EK refuses: the error names the policy session
            try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.execute(
                        new ActivateCredential(ak.objectHandle(), ek.objectHandle(), blob.credentialBlob(),
                                blob.secret()), PasswordSession.empty(), s));
                assertTrue(e.is(TpmRc.POLICY_FAIL), e.getMessage());
                assertEquals(2, e.responseCode().session());
                assertTrue(e.getMessage().contains("PolicySecret"), e.getMessage());
            }
        } finally {
            tpm.flushContext(ak.objectHandle());
            tpm.flushContext(ek.objectHandle());
        }
    }

    @Test
    void createLoadCertifyAndQuote() {
        CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        try {
            Create.Response child = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                    PasswordSession.empty());
            Load.Response ak = tpm.execute(new Load(srk.objectHandle(), child.outPrivate(), child.outPublic()),
                    PasswordSession.empty());
            try {
                assertEquals(Names.object(child.outPublic()), ak.name());
                assertEquals(TpmEccCurve.NIST_P256, ((dev.tpm2j.core.types.TpmsEccParms) child.outPublic()
                        .parameters()).curveId());
                Bytes nonce = Bytes.of(tpm.getRandom(16));
                Certify.Response c = tpm.execute(new Certify(ak.objectHandle(), ak.objectHandle(), nonce,
                        TpmtSigScheme.NULL), PasswordSession.empty(), PasswordSession.empty());
                assertEquals(TpmsAttest.TPM_GENERATED_VALUE, c.attest().magic());
                assertEquals(nonce, c.attest().extraData());
                assertEquals(ak.name(), ((TpmuAttest.CertifyInfo) c.attest().attested()).name());
                assertEquals(TpmAlgId.ECDSA, c.signature().sigAlg());

                Certify.Response q = tpm.execute(new Quote(ak.objectHandle(), nonce, TpmtSigScheme.NULL,
                        new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1, 7)))),
                        PasswordSession.empty());
                TpmuAttest.QuoteInfo qi = (TpmuAttest.QuoteInfo) q.attest().attested();
                assertEquals(32, qi.pcrDigest().size());
                assertNotEquals(c.attestBytes(), q.attestBytes());
            } finally {
                tpm.flushContext(ak.objectHandle());
            }
        } finally {
            tpm.flushContext(srk.objectHandle());
        }
    }

    @Test
    void tpm2ToolsWritesTpm2jReadsAndReverse(@TempDir Path dir) throws Exception {
        byte[] data = new byte[1500];
        RANDOM.nextBytes(data);
        Path in = dir.resolve("in.bin");
        Files.write(in, data);
        releaseConnection();
        Tpm2Tools.run(sim, "tpm2_nvdefine", "-C", "o", "-s", "1500", "-a", "ownerread|ownerwrite|authread|authwrite",
                "0x01500101");
        Tpm2Tools.run(sim, "tpm2_nvwrite", "-C", "o", "-i", in.toString(), "0x01500101");
        try {
            assertArrayEquals(data, tpm.nvRead(0x01500101));
            byte[] mine = new byte[1500];
            RANDOM.nextBytes(mine);
            tpm.nvWrite(0x01500101, 0, mine, Authorization.owner());
            releaseConnection();
            Path out = dir.resolve("out.bin");
            Tpm2Tools.run(sim, "tpm2_nvread", "-C", "o", "-o", out.toString(), "0x01500101");
            assertArrayEquals(mine, Files.readAllBytes(out));
        } finally {
            tpm.nvUndefineSpace(0x01500101, Authorization.owner());
        }
    }

    @Test
    void noTransientObjectsOrSessionsLeftBehind() {
        assertEquals(List.of(), tpm.getHandles(0x80000000), "transient objects");
        assertEquals(List.of(), tpm.getHandles(0x03000000), "policy sessions");
        assertEquals(HexFormat.of().formatHex(new byte[0]), "");
    }
}

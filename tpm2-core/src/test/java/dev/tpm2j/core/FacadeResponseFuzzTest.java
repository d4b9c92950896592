package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.core.commands.ActivateCredential;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.FlushContext;
import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.commands.LoadExternal;
import dev.tpm2j.core.commands.MakeCredential;
import dev.tpm2j.core.commands.NvDefineSpace;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.NvUndefineSpace;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.NvWriteLock;
import dev.tpm2j.core.commands.PolicyGetDigest;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.commands.Quote;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.commands.Shutdown;
import dev.tpm2j.core.commands.StartAuthSession;
import dev.tpm2j.core.commands.Startup;
import dev.tpm2j.core.commands.TpmCommand;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.fuzz.Untrusted;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.TpmSessionException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmsCapabilityData;
import dev.tpm2j.core.types.TpmsClockInfo;
import dev.tpm2j.core.types.TpmsCreationData;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmtTkCreation;
import dev.tpm2j.core.types.TpmuAttest;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every command's response path through the facade, one fuzz target per command: a valid sample response parses;
 * any other bytes produce only TpmFormatException, TpmResponseException or TpmSessionException, within the
 * allocation and time bounds of {@link Untrusted}. Seeds: the sample response of each command, responses recorded
 * from swtpm where the test ran against it, and an error response.
 */
class FacadeResponseFuzzTest {

    /** A transport that answers every command with the bytes it was given. */
    static final class CannedTransport implements TpmTransport {
        byte[] next;

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            return next;
        }

        @Override
        public void close() {
        }
    }

    /** A command, the sessions it is sent with, and a valid response parameter area (plus response handle). */
    record Case(String name, TpmCommand<?> command, int sessions, Consumer<TpmWriter> params, Integer handle) {
        @Override
        public String toString() {
            return name;
        }

        byte[] validResponse() {
            TpmWriter p = new TpmWriter();
            params.accept(p);
            byte[] pb = p.toByteArray();
            TpmWriter w = new TpmWriter();
            w.u16(sessions > 0 ? TpmSt.SESSIONS : TpmSt.NO_SESSIONS).u32(0).u32(0);
            if (handle != null) {
                w.u32(handle);
            }
            if (sessions > 0) {
                w.u32(pb.length);
            }
            w.raw(pb);
            for (int i = 0; i < sessions; i++) {
                new TpmsAuthResponse(Bytes.EMPTY, new TpmaSession(TpmaSession.CONTINUE_SESSION), Bytes.EMPTY)
                        .marshal(w);
            }
            byte[] out = w.toByteArray();
            int n = out.length;
            out[2] = (byte) (n >>> 24);
            out[3] = (byte) (n >>> 16);
            out[4] = (byte) (n >>> 8);
            out[5] = (byte) n;
            return out;
        }

        AuthSession[] sessionArray() {
            AuthSession[] s = new AuthSession[sessions];
            java.util.Arrays.fill(s, PasswordSession.empty());
            return s;
        }
    }

    private static final Consumer<TpmWriter> NOTHING = w -> { };
    private static final TpmsNvPublic NV = new TpmsNvPublic(0x01C00002, TpmAlgId.SHA256, new TpmaNv(0x62072001),
            Bytes.EMPTY, 16);
    private static final TpmsCreationData CD = new TpmsCreationData(TpmlPcrSelection.EMPTY, Bytes.zeros(32), 0,
            TpmAlgId.SHA256, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY);
    private static final TpmsAttest ATTEST = new TpmsAttest(TpmsAttest.TPM_GENERATED_VALUE, Bytes.zeros(34),
            Bytes.zeros(16), new TpmsClockInfo(1, 2, 3, true), 4, new TpmuAttest.CertifyInfo(Bytes.zeros(34),
            Bytes.zeros(34)));

    private static void createResponse(TpmWriter w) {
        new Tpm2bPublic(EkTemplates.L1_RSA2048).marshal(w);
        CD.marshalSized(w);
        w.tpm2b(Bytes.zeros(32));
        new TpmtTkCreation(TpmSt.CREATION, TpmRh.OWNER, Bytes.zeros(32)).marshal(w);
    }

    static final List<Case> CASES = List.of(
            new Case("Startup", new Startup(0), 0, NOTHING, null),
            new Case("Shutdown", new Shutdown(0), 0, NOTHING, null),
            new Case("GetRandom", new GetRandom(8), 0, w -> w.tpm2b(Bytes.zeros(8)), null),
            new Case("GetCapability", new GetCapability(TpmCap.HANDLES, 0x01000000, 10), 0,
                    w -> { w.yesNo(false); new TpmsCapabilityData(new TpmlHandle(List.of(0x01C00002))).marshal(w); },
                    null),
            new Case("NV_ReadPublic", new NvReadPublic(0x01C00002), 0,
                    w -> { NV.marshalSized(w); w.tpm2b(Names.nv(NV)); }, null),
            new Case("NV_Read", new NvRead(0x01C00002, 0x01C00002, 16, 0), 1, w -> w.tpm2b(Bytes.zeros(16)), null),
            new Case("NV_Write", new NvWrite(TpmRh.OWNER, 0x01500000, new byte[4], 0), 1, NOTHING, null),
            new Case("NV_DefineSpace", new NvDefineSpace(TpmRh.OWNER, new byte[0], NV), 1, NOTHING, null),
            new Case("NV_UndefineSpace", new NvUndefineSpace(TpmRh.OWNER, 0x01500000), 1, NOTHING, null),
            new Case("NV_WriteLock", new NvWriteLock(TpmRh.OWNER, 0x01500000), 1, NOTHING, null),
            new Case("ReadPublic", new ReadPublic(0x81010001), 0, w -> {
                new Tpm2bPublic(EkTemplates.L1_RSA2048).marshal(w);
                w.tpm2b(Names.object(EkTemplates.L1_RSA2048));
                w.tpm2b(Bytes.zeros(34));
            }, null),
            new Case("CreatePrimary", CreatePrimary.of(TpmRh.ENDORSEMENT, EkTemplates.L1_RSA2048), 1, w -> {
                createResponse(w);
                w.tpm2b(Names.object(EkTemplates.L1_RSA2048));
            }, 0x80000000),
            new Case("Create", Create.of(0x80000000, KeyTemplates.AK_RSA2048), 1, w -> {
                w.tpm2b(Bytes.zeros(100));
                createResponse(w);
            }, null),
            new Case("Load", new Load(0x80000000, Bytes.zeros(10), KeyTemplates.AK_RSA2048), 1,
                    w -> w.tpm2b(Bytes.zeros(34)), 0x80000001),
            new Case("LoadExternal", new LoadExternal(EkTemplates.L1_RSA2048, TpmRh.NULL), 0,
                    w -> w.tpm2b(Bytes.zeros(34)), 0x80000001),
            new Case("FlushContext", new FlushContext(0x80000000), 0, NOTHING, null),
            new Case("EvictControl", new EvictControl(TpmRh.OWNER, 0x80000000, 0x81000001), 1, NOTHING, null),
            new Case("StartAuthSession", new StartAuthSession(TpmRh.NULL, TpmRh.NULL, Bytes.zeros(32), Bytes.EMPTY,
                    StartAuthSession.SE_POLICY, TpmtSymDef.NULL, TpmAlgId.SHA256), 0,
                    w -> w.tpm2b(Bytes.zeros(32)), 0x03000000),
            new Case("PolicySecret", PolicySecret.of(TpmRh.ENDORSEMENT, 0x03000000), 1, w -> {
                w.tpm2b(Bytes.EMPTY);
                w.u16(TpmSt.AUTH_SECRET).u32(TpmRh.NULL).tpm2b(Bytes.EMPTY);
            }, null),
            new Case("PolicyOR", new PolicyOr(0x03000000, new TpmlDigest(List.of(Bytes.zeros(32), Bytes.zeros(32)))),
                    0, NOTHING, null),
            new Case("PolicyGetDigest", new PolicyGetDigest(0x03000000), 0, w -> w.tpm2b(Bytes.zeros(32)), null),
            new Case("MakeCredential", new MakeCredential(0x80000000, new byte[16], Bytes.zeros(34)), 0, w -> {
                new Tpm2bIdObject(Bytes.zeros(68)).marshal(w);
                new Tpm2bEncryptedSecret(Bytes.zeros(256)).marshal(w);
            }, null),
            new Case("ActivateCredential", new ActivateCredential(0x80000001, 0x80000000,
                    new Tpm2bIdObject(Bytes.zeros(68)), new Tpm2bEncryptedSecret(Bytes.zeros(256))), 2,
                    w -> w.tpm2b(Bytes.zeros(16)), null),
            new Case("Certify", new Certify(0x80000001, 0x80000001, Bytes.EMPTY, TpmtSigScheme.NULL), 2, w -> {
                ATTEST.marshalSized(w);
                TpmtSignature.NULL.marshal(w);
            }, null),
            new Case("Quote", new Quote(0x80000001, Bytes.EMPTY, TpmtSigScheme.NULL, TpmlPcrSelection.EMPTY), 1, w -> {
                ATTEST.marshalSized(w);
                TpmtSignature.NULL.marshal(w);
            }, null));

    static Object run(Case c, byte[] response) {
        CannedTransport t = new CannedTransport();
        t.next = response;
        try (Tpm tpm = Tpm.open(t, RetryPolicy.NONE)) {
            return tpm.execute(c.command(), c.sessionArray());
        }
    }

    @Test
    void everySampleResponseIsValid() {
        for (Case c : CASES) {
            Object result = run(c, c.validResponse());
            assertTrue(result != null, c.name());
        }
    }

    @Test
    void trailingBytesInTheParameterAreaAreRejected() {
        for (Case c : CASES) {
            byte[] valid = c.validResponse();
            if (c.sessions() > 0) {
                continue; // covered by the mutation property; here the parameter area is the tail
            }
            byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);
            longer[5]++;
            try {
                run(c, longer);
                fail(c.name() + " accepted a trailing byte");
            } catch (TpmFormatException expected) {
                assertTrue(expected.getMessage().contains("trailing"), expected.getMessage());
            }
        }
    }

    static final java.util.Map<String, Case> BY_NAME = CASES.stream().collect(
            java.util.stream.Collectors.toMap(Case::name, c -> c));

    /** The oracle for one command's response path: only the three typed exceptions, bounded allocation and time. */
    static void untrusted(String name, byte[] response) {
        Case c = BY_NAME.get(name);
        Untrusted.parse(name + " response", response, r -> run(c, r), TpmFormatException.class,
                TpmResponseException.class, TpmSessionException.class);
    }

    @FuzzTest void startup(byte[] r) { untrusted("Startup", r); }
    @FuzzTest void shutdown(byte[] r) { untrusted("Shutdown", r); }
    @FuzzTest void getRandom(byte[] r) { untrusted("GetRandom", r); }
    @FuzzTest void getCapability(byte[] r) { untrusted("GetCapability", r); }
    @FuzzTest void nvReadPublic(byte[] r) { untrusted("NV_ReadPublic", r); }
    @FuzzTest void nvRead(byte[] r) { untrusted("NV_Read", r); }
    @FuzzTest void nvWrite(byte[] r) { untrusted("NV_Write", r); }
    @FuzzTest void nvDefineSpace(byte[] r) { untrusted("NV_DefineSpace", r); }
    @FuzzTest void nvUndefineSpace(byte[] r) { untrusted("NV_UndefineSpace", r); }
    @FuzzTest void nvWriteLock(byte[] r) { untrusted("NV_WriteLock", r); }
    @FuzzTest void readPublic(byte[] r) { untrusted("ReadPublic", r); }
    @FuzzTest void createPrimary(byte[] r) { untrusted("CreatePrimary", r); }
    @FuzzTest void create(byte[] r) { untrusted("Create", r); }
    @FuzzTest void load(byte[] r) { untrusted("Load", r); }
    @FuzzTest void loadExternal(byte[] r) { untrusted("LoadExternal", r); }
    @FuzzTest void flushContext(byte[] r) { untrusted("FlushContext", r); }
    @FuzzTest void evictControl(byte[] r) { untrusted("EvictControl", r); }
    @FuzzTest void startAuthSession(byte[] r) { untrusted("StartAuthSession", r); }
    @FuzzTest void policySecret(byte[] r) { untrusted("PolicySecret", r); }
    @FuzzTest void policyOr(byte[] r) { untrusted("PolicyOR", r); }
    @FuzzTest void policyGetDigest(byte[] r) { untrusted("PolicyGetDigest", r); }
    @FuzzTest void makeCredential(byte[] r) { untrusted("MakeCredential", r); }
    @FuzzTest void activateCredential(byte[] r) { untrusted("ActivateCredential", r); }
    @FuzzTest void certify(byte[] r) { untrusted("Certify", r); }
    @FuzzTest void quote(byte[] r) { untrusted("Quote", r); }

    @Test
    void errorResponseBecomesTypedExceptionWithBlame() {
        byte[] err = {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0x09, (byte) 0xA2};
        Case c = CASES.get(5); // NV_Read
        try {
            run(c, err);
            fail("no exception");
        } catch (TpmResponseException e) {
            assertEquals(0x9A2, e.code());
            assertEquals("TPM2_NV_Read failed: TPM_RC_BAD_AUTH (session 1) — authorization failure without "
                    + "dictionary-attack implications (wrong password or policy session) [0x000009a2]", e.getMessage());
        }
    }
}

package dev.tpm2j.bench;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.commands.Sign;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.jca.Tpm2jProvider;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ECDSA P-256 signatures on swtpm: the TPM2J provider's {@code Signature.sign} (one thread, eight threads sharing the
 * provider) against a loop of raw TPM2_Sign commands through the Tpm facade over the same kind of swtpm transport, and
 * against {@code tpm2_sign} run as a process per signature (what a shell loop costs). Each benchmark runs in its own
 * fork with its own simulator, so only the state it uses is set up. Compare: providerSign / rawTpm2Sign (overhead, the
 * goal is at most 5 %), providerSign8Threads / providerSign (no lock convoy: at least 1), providerSign /
 * tpm2SignProcess (a ratio).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProviderSignBench {
    static final String KEY_HANDLE = "0x81000002";
    static final byte[] MESSAGE = "a message of moderate length, signed again and again".getBytes();

    /** A simulator and a provider over it with one EC key. */
    @State(Scope.Benchmark)
    public static class ProviderState {
        Swtpm sim;
        Tpm2jProvider provider;
        KeyPair key;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            sim = Swtpm.start();
            provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
            key = KeyPairGenerator.getInstance("EC", provider).generateKeyPair();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            provider.disconnect();
            sim.close();
        }
    }

    /** One Signature object per thread. */
    @State(Scope.Thread)
    public static class SignerState {
        Signature signature;

        @Setup(Level.Trial)
        public void setup(ProviderState p) throws Exception {
            signature = Signature.getInstance("SHA256withECDSA", p.provider);
            signature.initSign(p.key.getPrivate());
        }
    }

    /** A simulator, a Tpm facade over it and a loaded EC key with the provider's template. */
    @State(Scope.Benchmark)
    public static class RawState {
        Swtpm sim;
        Tpm tpm;
        int key;

        @Setup(Level.Trial)
        public void setup() {
            sim = Swtpm.start();
            tpm = sim.openTpm();
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_RSA2048);
            TpmtPublic template = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.FIXED_TPM,
                    TpmaObject.FIXED_PARENT, TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                    TpmaObject.SIGN_ENCRYPT), Bytes.EMPTY, new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.NULL,
                    TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.EMPTY, Bytes.EMPTY));
            List<Authorization> parent = List.of(Authorization.of(srk.objectHandle(), PasswordSession.empty()));
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), template), parent);
            key = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()), parent).objectHandle();
            tpm.flushContext(srk.objectHandle());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            tpm.close();
            sim.close();
        }
    }

    /** A simulator with a key loaded by tpm2-tools (context file), for tpm2_sign runs. */
    @State(Scope.Benchmark)
    public static class ToolsState {
        Swtpm sim;
        Path dir;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            sim = Swtpm.start();
            dir = Files.createTempDirectory("tpm2j-sign-bench");
            String d = dir.toString();
            // no resource manager in front of swtpm: flush what each tool leaves loaded, and make the key persistent
            // so every tpm2_sign finds it without taking a slot for good
            Tpm2Tools.run(sim, "tpm2_createprimary", "-C", "o", "-c", d + "/primary.ctx");
            Tpm2Tools.run(sim, "tpm2_flushcontext", "-t");
            Tpm2Tools.run(sim, "tpm2_create", "-C", d + "/primary.ctx", "-G", "ecc256", "-u", d + "/key.pub", "-r",
                    d + "/key.priv");
            Tpm2Tools.run(sim, "tpm2_flushcontext", "-t");
            Tpm2Tools.run(sim, "tpm2_load", "-C", d + "/primary.ctx", "-u", d + "/key.pub", "-r", d + "/key.priv",
                    "-c", d + "/key.ctx");
            Tpm2Tools.run(sim, "tpm2_evictcontrol", "-C", "o", "-c", d + "/key.ctx", KEY_HANDLE);
            Tpm2Tools.run(sim, "tpm2_flushcontext", "-t");
            Files.write(dir.resolve("message"), MESSAGE);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            sim.close();
        }
    }

    /** The provider, one thread. */
    @Benchmark
    @Threads(1)
    public byte[] providerSign(SignerState s) throws Exception {
        s.signature.update(MESSAGE);
        return s.signature.sign();
    }

    /** The provider, eight threads sharing it (one TPM connection). */
    @Benchmark
    @Threads(8)
    public byte[] providerSign8Threads(SignerState s) throws Exception {
        s.signature.update(MESSAGE);
        return s.signature.sign();
    }

    /** Raw TPM2_Sign through the facade, the digest computed in software as the provider does. */
    @Benchmark
    @Threads(1)
    public Object rawTpm2Sign(RawState r) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        return r.tpm.execute(Sign.of(r.key, Bytes.of(digest), new TpmtSigScheme(TpmAlgId.ECDSA, TpmAlgId.SHA256, 0)),
                List.of(Authorization.of(r.key, PasswordSession.empty())));
    }

    /** tpm2_sign as a process per signature (what a shell loop does). */
    @Benchmark
    @Threads(1)
    public String tpm2SignProcess(ToolsState t) {
        String d = t.dir.toString();
        return Tpm2Tools.run(t.sim, "tpm2_sign", "-c", KEY_HANDLE, "-g", "sha256", "-o", d + "/sig", d
                + "/message");
    }
}

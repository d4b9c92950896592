package dev.tpm2j.bench;

import dev.tpm2j.ek.testing.Reencodings;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.TestCa;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worst path-building inputs an unauthenticated device can send a verifier (issue 13): {@code k} self-issued
 * "CN=X" CA certificates sharing one key plus an EK certificate issued by "CN=X", and {@code k} re-encodings of one
 * self-signed CA certificate (outer length in long form, so every copy keeps a valid self-signature) that is not a
 * trust anchor. Each invocation verifies one such input from parsed certificates. Single-shot time per verification,
 * because before the fix one invocation took seconds to minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class PathBuildingAttackBench {
    /** How many attacker certificates the device sends (the issue measured 7, 9 and 12; 63 is the 64-input case). */
    @Param({"7", "12", "63"})
    public int k;

    EkChain.Sourced selfIssuedEk;
    List<EkChain.Sourced> selfIssuedNv;
    EkChain.Sourced reencodedLeaf;
    List<EkChain.Sourced> reencodedNv;
    TrustBundle trust;
    EkChain.Sourced graphEk;
    final List<java.security.PublicKey> graphIssuerKeys = new ArrayList<>();
    List<EkChain.Sourced> graphNv;

    @Setup
    public void setup() throws Exception {
        trust = TrustBundle.empty().withAnchors(List.of(parse(TestCa.root("CN=Genuine Root", false).certificate())));
        TestCa x = TestCa.root("CN=X", false);
        selfIssuedNv = new ArrayList<>();
        selfIssuedNv.add(new EkChain.Sourced(parse(x.certificate()), "nv:0x01c00100"));
        for (int i = 1; i < k; i++) {
            selfIssuedNv.add(new EkChain.Sourced(parse(x.crossCertify(x)), "nv:0x01c00100"));
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        selfIssuedEk = new EkChain.Sourced(parse(x.issueEkCertificate(g.generateKeyPair().getPublic(),
                "id:494E5443", "X", "id:1")), "nv:0x01c0000a");

        TestCa root = TestCa.root("CN=Re-encoded Root", false);
        byte[] der = root.certificate().getEncoded();
        reencodedNv = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            reencodedNv.add(new EkChain.Sourced(TpmCertificates.parse(Reencodings.variant(der, i)), "nv:0x01c00100"));
        }
        TestCa issued = root.issueCa("CN=Issued By The Re-encoded Root", false, null);
        reencodedLeaf = new EkChain.Sourced(parse(issued.issueEkCertificate(g.generateKeyPair().getPublic(),
                "id:494E5443", "X", "id:1")), "nv:0x01c0000a");
        reencodedNv.add(new EkChain.Sourced(parse(issued.certificate()), "nv:0x01c00101"));

        // eight keys under one name, each certified by every other: 56 certificates, every key order a valid path
        List<TestCa> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(TestCa.root("CN=Graph", false));
        }
        graphNv = new ArrayList<>();
        for (TestCa a : keys) {
            for (TestCa b : keys) {
                if (a != b) {
                    graphNv.add(new EkChain.Sourced(parse(b.crossCertify(a)), "nv:0x01c00100"));
                    graphIssuerKeys.add(b.keys().getPublic());
                }
            }
        }
        graphEk = new EkChain.Sourced(parse(keys.get(0).issueEkCertificate(g.generateKeyPair().getPublic(),
                "id:494E5443", "X", "id:1")), "nv:0x01c0000a");
    }

    /**
     * The reference for the budget: {@link EkChain#MAX_SIGNATURE_CHECKS} bare P-384 certificate signature checks
     * with {@code java.security.Signature} (the graph's certificates, each against its issuer's key).
     */
    @Benchmark
    public int bareSignatureChecksOfTheBudget() throws Exception {
        int ok = 0;
        for (int i = 0; i < EkChain.MAX_SIGNATURE_CHECKS; i++) {
            X509Certificate c = graphNv.get(i % graphNv.size()).certificate().certificate();
            java.security.Signature v = java.security.Signature.getInstance(c.getSigAlgName());
            v.initVerify(graphIssuerKeys.get(i % graphNv.size()));
            v.update(c.getTBSCertificate());
            ok += v.verify(c.getSignature()) ? 1 : 0;
        }
        if (ok != EkChain.MAX_SIGNATURE_CHECKS) {
            throw new IllegalStateException("a signature failed");
        }
        return ok;
    }

    /** 56 cross-certificates among eight same-named keys (independent of k): ends on the signature budget. */
    @Benchmark
    public EkChain.Result completeGraph() {
        return EkChain.verify(graphEk, graphNv, trust, List.of(), Instant.now(), null);
    }

    /** k self-issued CAs with one key under the EK's issuer name. */
    @Benchmark
    public EkChain.Result selfIssuedSameKey() {
        return EkChain.verify(selfIssuedEk, selfIssuedNv, trust, List.of(), Instant.now(), null);
    }

    /** k long-form re-encodings of one self-signed CA that is not an anchor. */
    @Benchmark
    public EkChain.Result reencodedRoot() {
        return EkChain.verify(reencodedLeaf, reencodedNv, trust, List.of(), Instant.now(), null);
    }

    private static TpmCertificate parse(X509Certificate c) throws Exception {
        return TpmCertificates.parse(c.getEncoded());
    }
}

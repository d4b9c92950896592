package dev.tpm2j.bench;

import dev.tpm2j.ek.EkChain;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying Intel-like EK chains (EK ← PTT CA ← Kernel CA ← ROM CA ← issuing CA ← family CA ← root, P-384 ECDSA)
 * against the sum of their bare signature verifications. The JDK caches parsed certificates and their last
 * verification, so both sides cycle through a pool of distinct chains larger than that cache: every invocation
 * pays for real signature checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBench {
    static final int POOL = 300;
    final List<TrustBundle> trust = new ArrayList<>();
    final List<byte[]> ekDer = new ArrayList<>();
    final List<List<byte[]>> nvDer = new ArrayList<>();
    final List<List<byte[]>> pathDer = new ArrayList<>();
    int next;

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < POOL; i++) {
            TestCa root = TestCa.root("CN=Bench Root " + i, false);
            TestCa family = root.issueCa("CN=Bench Family " + i, false, null);
            TestCa issuing = family.issueCa("CN=Bench Issuing " + i, false, null);
            TestCa rom = issuing.issueCa("CN=Bench ROM " + i, false, null);
            TestCa kernel = rom.issueCa("CN=Bench Kernel " + i, false, null);
            TestCa ptt = kernel.issueCa("CN=Bench PTT " + i, false, 0);
            X509Certificate ek = ptt.issueEkCertificate(g.generateKeyPair().getPublic(), "id:494E5443", "B", "id:1");
            ekDer.add(ek.getEncoded());
            nvDer.add(List.of(rom.certificate().getEncoded(), kernel.certificate().getEncoded(),
                    ptt.certificate().getEncoded()));
            trust.add(TrustBundle.empty().withAnchors(List.of(TpmCertificates.parse(root.certificate().getEncoded())))
                    .withIntermediates(List.of(TpmCertificates.parse(family.certificate().getEncoded()),
                            TpmCertificates.parse(issuing.certificate().getEncoded()))));
            List<byte[]> path = new ArrayList<>();
            for (X509Certificate c : List.of(ek, ptt.certificate(), kernel.certificate(), rom.certificate(),
                    issuing.certificate(), family.certificate(), root.certificate())) {
                path.add(c.getEncoded());
            }
            pathDer.add(path);
        }
        for (int i = 0; i < POOL; i++) {
            if (!tpm2jVerifyChain().trusted()) {
                throw new IllegalStateException("bench chain does not verify");
            }
        }
    }

    /** From bytes, as a verifier receives them: parse the EK and NV certificates, build and verify the path. */
    @Benchmark
    public EkChain.Result tpm2jVerifyChain() {
        int i = next++ % POOL;
        try {
            List<EkChain.Sourced> nv = new ArrayList<>();
            for (byte[] d : nvDer.get(i)) {
                nv.add(new EkChain.Sourced(TpmCertificates.parse(d), "nv:0x01c00100"));
            }
            return EkChain.verify(new EkChain.Sourced(TpmCertificates.parse(ekDer.get(i)), "nv:0x01c0000a"), nv,
                    trust.get(i), List.of(), Instant.now(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The six signature verifications of the same path with java.security.Signature, after parsing it. */
    @Benchmark
    public int bareSignatureVerifications() throws Exception {
        int i = next++ % POOL;
        java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
        List<X509Certificate> path = new ArrayList<>();
        for (byte[] d : pathDer.get(i)) {
            path.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(d)));
        }
        int ok = 0;
        for (int k = 0; k + 1 < path.size(); k++) {
            X509Certificate child = path.get(k);
            java.security.Signature sig = java.security.Signature.getInstance(child.getSigAlgName());
            sig.initVerify(path.get(k + 1).getPublicKey());
            sig.update(child.getTBSCertificate());
            ok += sig.verify(child.getSignature()) ? 1 : 0;
        }
        if (ok != path.size() - 1) {
            throw new IllegalStateException("a signature failed");
        }
        return ok;
    }
}

package dev.tpm2j.bench;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying an Intel-like EK chain (EK ← PTT CA ← Kernel CA ← ROM CA ← issuing CA ← family CA ← root, P-384 ECDSA)
 * against the sum of its bare signature verifications.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBench {
    TrustBundle trust;
    byte[] ekDer;
    List<byte[]> nvDer;
    List<X509Certificate> path;

    @Setup
    public void setup() throws Exception {
        TestCa root = TestCa.root("CN=Bench Root", false);
        TestCa family = root.issueCa("CN=Bench Family", false, null);
        TestCa issuing = family.issueCa("CN=Bench Issuing", false, null);
        TestCa rom = issuing.issueCa("CN=Bench ROM", false, null);
        TestCa kernel = rom.issueCa("CN=Bench Kernel", false, null);
        TestCa ptt = kernel.issueCa("CN=Bench PTT", false, 0);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        X509Certificate ekCert = ptt.issueEkCertificate(g.generateKeyPair().getPublic(), "id:494E5443", "B", "id:1");
        ekDer = ekCert.getEncoded();
        nvDer = new ArrayList<>();
        for (TestCa c : List.of(rom, kernel, ptt)) {
            nvDer.add(c.certificate().getEncoded());
        }
        List<TpmCertificate> inter = List.of(TpmCertificates.parse(family.certificate().getEncoded()),
                TpmCertificates.parse(issuing.certificate().getEncoded()));
        trust = TrustBundle.empty().withAnchors(List.of(TpmCertificates.parse(root.certificate().getEncoded())))
                .withIntermediates(inter);
        path = List.of(ekCert, ptt.certificate(), kernel.certificate(), rom.certificate(), issuing.certificate(),
                family.certificate(), root.certificate());
        if (!tpm2jVerifyChain().trusted()) {
            throw new IllegalStateException("bench chain does not verify");
        }
    }

    /**
     * From bytes, as a verifier receives them: parse the EK certificate and the three NV certificates, build and
     * verify the path (the trust bundle is loaded once, as in a service).
     */
    @Benchmark
    public EkChain.Result tpm2jVerifyChain() {
        try {
            List<EkChain.Sourced> nv = new ArrayList<>();
            for (byte[] d : nvDer) {
                nv.add(new EkChain.Sourced(TpmCertificates.parse(d), "nv:0x01c00100"));
            }
            return EkChain.verify(new EkChain.Sourced(TpmCertificates.parse(ekDer), "nv:0x01c0000a"), nv, trust,
                    List.of(), Instant.now(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The six signature verifications of the same path, with java.security.Signature (no caching). */
    @Benchmark
    public int bareSignatureVerifications() throws Exception {
        int ok = 0;
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate child = path.get(i);
            java.security.Signature sig = java.security.Signature.getInstance(child.getSigAlgName());
            sig.initVerify(path.get(i + 1).getPublicKey());
            sig.update(child.getTBSCertificate());
            ok += sig.verify(child.getSignature()) ? 1 : 0;
        }
        if (ok != path.size() - 1) {
            throw new IllegalStateException("a signature failed");
        }
        return ok;
    }
}

package dev.tpm2j.ek;

import dev.tpm2j.ek.testing.TestCerts;
import dev.tpm2j.ek.testing.Reencodings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Path building over device-chosen certificate sets: the fuzzer picks up to 64 certificates (with repeats) from a
 * pool built to be hostile — same names with other keys, cross-certificates both ways, self-issued copies, BER
 * re-encodings of the anchor — and the leaf. Oracle: a verdict always comes back, the work stays within the budgets,
 * and a trusted verdict ends at the anchor through signature-valid links.
 */
class PathBuildingFuzzTest {
    static final Instant NOW = Instant.now();
    static final List<TpmCertificate> POOL = new ArrayList<>();
    static final TrustBundle TRUST;

    static {
        KeyPair root = TestCerts.ec("secp256r1");
        KeyPair a = TestCerts.ec("secp256r1");
        KeyPair b = TestCerts.ec("secp256r1");
        KeyPair c = TestCerts.ec("secp256r1");
        TpmCertificate anchor = TestCerts.tc(TestCerts.root("CN=Root", root));
        TRUST = TrustBundle.empty().withAnchors(List.of(anchor));
        POOL.add(anchor);
        for (int i = 1; i <= 3; i++) {
            try {
                POOL.add(TpmCertificates.parse(Reencodings.variant(anchor.der(), i)));
            } catch (CertificateParseException e) {
                throw new AssertionError(e);
            }
        }
        POOL.add(TestCerts.tc(TestCerts.spec().subject("CN=A").key(a.getPublic()).issuedBy("CN=Root", root.getPrivate())
                .ca(null).build()));
        POOL.add(TestCerts.tc(TestCerts.spec().subject("CN=A").key(b.getPublic()).issuedBy("CN=A", a.getPrivate())
                .ca(null).build()));
        POOL.add(TestCerts.tc(TestCerts.spec().subject("CN=A").key(a.getPublic()).issuedBy("CN=A", b.getPrivate())
                .ca(null).build()));
        POOL.add(TestCerts.tc(TestCerts.root("CN=A", a)));
        POOL.add(TestCerts.tc(TestCerts.root("CN=A", c)));
        POOL.add(TestCerts.tc(TestCerts.spec().subject("CN=Root").key(c.getPublic()).issuedBy("CN=A", a.getPrivate())
                .ca(0).build()));
        POOL.add(TestCerts.tc(TestCerts.spec().key(TestCerts.ec("secp256r1").getPublic())
                .issuedBy("CN=A", a.getPrivate()).ek().build()));
        POOL.add(TestCerts.tc(TestCerts.spec().key(TestCerts.ec("secp256r1").getPublic())
                .issuedBy("CN=A", b.getPrivate()).ek().build()));
    }

    @FuzzTest(maxDuration = "30s")
    void pathBuildingIsBounded(FuzzedDataProvider data) {
        TpmCertificate leaf = POOL.get(data.consumeInt(0, POOL.size() - 1));
        int n = data.consumeInt(0, 64);
        List<EkChain.Sourced> nv = new ArrayList<>();
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            nv.add(new EkChain.Sourced(POOL.get(data.consumeInt(0, POOL.size() - 1)), "nv:0x01c00100"));
        }
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(leaf, "nv:0x01c00002"), nv, TRUST, List.of(), NOW, null);
        assertTrue(r.work().signatureChecks() <= EkChain.MAX_SIGNATURE_CHECKS, r.work().toString());
        assertTrue(r.work().nodes() <= EkChain.MAX_NODES + 1, r.work().toString());
        assertEquals(0, r.work().aiaFetches());
        assertEquals(r.trusted(), r.status() == EkChain.Status.TRUSTED);
        if (r.trusted()) {
            List<EkChain.Link> chain = r.chain();
            assertEquals(TRUST.anchors().get(0).sha256(), chain.get(chain.size() - 1).certificate().sha256());
            for (int i = 0; i + 1 < chain.size(); i++) {
                try {
                    chain.get(i).certificate().certificate().verify(chain.get(i + 1).certificate().publicKey());
                } catch (Exception e) {
                    throw new AssertionError("link " + i + " does not verify: " + e);
                }
            }
        }
    }
}

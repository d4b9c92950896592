package dev.tpm2j.ek.attack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.PathVerifier;
import dev.tpm2j.ek.PathVerifier.LeafRules;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.testing.TestCerts;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A huge pool of same-name, same-key self-issued CAs (an attack review finding): the supplied pool is capped. */
class PoolWorkAttackTest {
    /**
     * Found by the attack review: each node scanned every same-named candidate, so thousands of copies of one
     * self-issued CA cost seconds within the node budget. Supplied candidates are now capped; the verdict says how
     * many were left out, and the work stays within the budgets (asserted on the counters, never on time).
     */
    @Test
    void suppliedCandidatesBeyondTheCapAreLeftOutAndSaidSo() {
        KeyPair rootK = TestCerts.ec("secp256r1");
        KeyPair evil = TestCerts.ec("secp256r1");
        TpmCertificate root = Forge.of("CN=R", rootK.getPublic(), "CN=R", rootK.getPrivate()).ca(null).tc();
        TrustBundle trust = TrustBundle.empty().withAnchors(List.of(root));
        String name = "CN=x,OU=" + "y".repeat(60);
        List<TpmCertificate> pool = new ArrayList<>();
        for (int i = 0; i < EkChain.MAX_CANDIDATES + 44; i++) {
            pool.add(Forge.of(name, evil.getPublic(), name, evil.getPrivate()).ca(null).tc());
        }
        TpmCertificate leaf = Forge.of("CN=L", TestCerts.ec("secp256r1").getPublic(), name, evil.getPrivate()).tc();
        EkChain.Result r = PathVerifier.verify(leaf, pool, trust, Instant.now(), LeafRules.ANY);
        assertFalse(r.trusted());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("44 supplied candidate certificate(s) beyond the "
                + "first " + EkChain.MAX_CANDIDATES)), r.problems().toString());
        assertTrue(r.work().nodes() <= EkChain.MAX_NODES + 1, r.work().toString());
        assertTrue(r.work().signatureChecks() <= EkChain.MAX_SIGNATURE_CHECKS, r.work().toString());
    }
}

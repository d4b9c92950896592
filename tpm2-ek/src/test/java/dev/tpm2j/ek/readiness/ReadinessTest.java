package dev.tpm2j.ek.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Readiness} against swtpm provisioned like Intel PTT: typed findings, progress, and an added check. */
class ReadinessTest {
    static Map<String, Status> statuses(Readiness.Report r) {
        Map<String, Status> m = new LinkedHashMap<>();
        r.checks().forEach(c -> m.put(c.id(), c.status()));
        return m;
    }

    @Test
    void intelOdcaIsReadyExceptForBeingASimulatorAndAnExtraCheckRunsLast() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem());
            List<Check> seen = new ArrayList<>();
            List<ReadinessCheck> checks = new ArrayList<>(Readiness.DEFAULT_CHECKS);
            checks.add(ctx -> List.of(Check.warn("extra", "added by a platform module, saw "
                    + ctx.parsedEkCertificates().size() + " EK certificates", null)));
            Readiness.Report r = Readiness.assess(tpm, new Readiness.Options(trust, null,
                    new ReferenceTime.Given(Instant.now().minus(Duration.ofMinutes(30)), "a test"), seen::add), checks);
            assertEquals(List.of("tpm20", "ek-cert", "ek-match", "ek-chain", "aik-url", "roca", "virtual-tpm",
                    "clock-skew", "activation", "extra"), List.copyOf(statuses(r).keySet()));
            assertEquals(r.checks(), seen, "progress saw every check in order");
            Map<String, Status> s = statuses(r);
            for (String id : List.of("tpm20", "ek-cert", "ek-match", "ek-chain", "aik-url", "roca", "activation")) {
                assertEquals(Status.PASS, s.get(id), id + ": " + r.checks());
            }
            assertEquals(Status.FAIL, s.get("virtual-tpm"), "swtpm is a simulator");
            assertEquals(Status.FAIL, s.get("clock-skew"), "30 minutes off");
            assertTrue(r.checks().get(r.checks().size() - 1).detail().endsWith("saw 2 EK certificates"));
            assertFalse(r.ready());
        }
    }

    @Test
    void withoutATpm() {
        Readiness.Report r = Readiness.noTpm("connection refused");
        assertEquals(Status.FAIL, r.checks().get(0).status());
        assertFalse(r.ready());
    }
}

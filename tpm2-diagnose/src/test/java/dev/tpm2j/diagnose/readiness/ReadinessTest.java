package dev.tpm2j.diagnose.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
            checks.add(ReadinessCheck.of("extra", ctx -> Check.warn("extra", "added by a platform module, saw "
                    + ctx.parsedEkCertificates().size() + " EK certificates", null)));
            Readiness.Report r = Readiness.assess(tpm, new Readiness.Options(trust, null,
                    new ReferenceTime.Given(Instant.now().minus(Duration.ofMinutes(30)), "a test"), seen::add), checks);
            assertEquals(List.of("tpm20", "ek-cert", "ek-match", "ek-chain", "aik-url", "roca", "virtual-tpm",
                    "clock-skew", "activation", "autopilot-events", "extra"), List.copyOf(statuses(r).keySet()));
            assertEquals(r.checks(), seen, "progress saw every check in order");
            Map<String, Status> s = statuses(r);
            for (String id : List.of("tpm20", "ek-cert", "ek-match", "ek-chain", "aik-url", "roca", "activation")) {
                assertEquals(Status.PASS, s.get(id), id + ": " + r.checks());
            }
            assertEquals(Status.FAIL, s.get("virtual-tpm"), "swtpm is a simulator");
            assertEquals(Status.FAIL, s.get("clock-skew"), "30 minutes off");
            assertEquals(Status.NOT_APPLICABLE, s.get("autopilot-events"), "Linux has no Autopilot event channel");
            assertTrue(r.checks().get(r.checks().size() - 1).detail().endsWith("saw 2 EK certificates"));
            assertFalse(r.ready());
        }
    }

    @Test
    void onlyTheNamedChecksRunAndAreReported() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem());
            Readiness.Options options = Readiness.Options.of(trust);
            Readiness.Report ekCert = Readiness.assessOnly(tpm, options, List.of("ek-cert"));
            assertEquals(List.of("ek-cert"), List.copyOf(statuses(ekCert).keySet()));
            assertEquals(Status.PASS, ekCert.checks().get(0).status());
            // asked in any order, reported in report order; tpm20 only when named
            Readiness.Report two = Readiness.assessOnly(tpm, options, List.of("aik-url", "tpm20"));
            assertEquals(List.of("tpm20", "aik-url"), List.copyOf(statuses(two).keySet()));
            assertEquals(Status.PASS, statuses(two).get("aik-url"), two.checks().toString());
            Readiness.Report linux = Readiness.assessOnly(tpm, options, List.of("autopilot-events"));
            assertEquals(Status.NOT_APPLICABLE, linux.checks().get(0).status());
            assertTrue(linux.ready());
            try {
                Readiness.assessOnly(tpm, options, List.of("ek-cert", "ek-certs"));
                fail("an unknown id must be refused");
            } catch (IllegalArgumentException e) {
                assertEquals("unknown check id ek-certs; valid ids: " + String.join(", ", Readiness.ids()),
                        e.getMessage());
            }
        }
    }

    @Test
    void everyCheckExplainNamesIsACheckReadinessRuns() {
        List<String> explainIds = new ArrayList<>();
        for (dev.tpm2j.diagnose.explain.Check.DiagnoseCheck c : dev.tpm2j.diagnose.explain.Check.DiagnoseCheck.values()) {
            explainIds.add(c.id());
        }
        assertEquals(explainIds, Readiness.ids(), "explain's diagnose ids are exactly the readiness ids, in order");
        assertEquals(Readiness.ids().size(), java.util.Set.copyOf(Readiness.ids()).size(), "ids are unique");
    }

    @Test
    void withoutATpm() {
        Readiness.Report r = Readiness.noTpm("connection refused");
        assertEquals(Status.FAIL, r.checks().get(0).status());
        assertFalse(r.ready());
    }
}

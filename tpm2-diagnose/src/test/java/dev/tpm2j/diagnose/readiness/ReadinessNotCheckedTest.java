package dev.tpm2j.diagnose.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A check that could not run is {@link Status#NOT_CHECKED}, and a report with one is not ready. */
class ReadinessNotCheckedTest {

    @Test
    void aReportWithACheckThatDidNotRunIsNotReady() {
        Check pass = Check.pass("roca", "fine");
        Check warn = Check.warn("virtual-tpm", "unknown vendor", null);
        Check na = Check.notApplicable("autopilot-events", "not on Windows");
        Check notChecked = Check.notChecked("clock-skew", "not checked: no reference time", "run with --time-url");
        Check fail = Check.fail("ek-cert", "none", "provision one");
        assertTrue(new Readiness.Report(List.of(pass, warn, na)).ready());
        Readiness.Report open = new Readiness.Report(List.of(pass, notChecked, na));
        assertFalse(open.ready());
        assertEquals(List.of("clock-skew"), open.notChecked());
        assertEquals(List.of(), open.failed());
        Readiness.Report both = new Readiness.Report(List.of(fail, notChecked));
        assertFalse(both.ready());
        assertEquals(List.of("ek-cert"), both.failed());
        assertEquals(List.of("clock-skew"), both.notChecked());
        assertEquals("not-checked", Status.NOT_CHECKED.id());
    }

    @Test
    void clockSkewWithoutAReferenceOrWithAnUnusableOneIsNotChecked() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                    .withIntermediatesFrom(sim.provisioned().intermediatesPem());
            Readiness.Report none = Readiness.assessOnly(tpm, Readiness.Options.of(trust), List.of("clock-skew"));
            Check c = none.checks().get(0);
            assertEquals(Status.NOT_CHECKED, c.status(), c.toString());
            assertTrue(c.fix().contains("--time-url") && c.fix().contains("--reference-time"), c.fix());
            assertFalse(none.ready());

            Readiness.Report unavailable = Readiness.assessOnly(tpm, new Readiness.Options(trust, null,
                    new ReferenceTime.Unavailable("connection refused"), null), List.of("clock-skew"));
            assertEquals(Status.NOT_CHECKED, unavailable.checks().get(0).status());
            assertTrue(unavailable.checks().get(0).detail().endsWith("connection refused"));
            assertFalse(unavailable.ready());

            Readiness.Report given = Readiness.assessOnly(tpm, new Readiness.Options(trust, null,
                    new ReferenceTime.Given(Instant.now(), "a test"), null), List.of("clock-skew"));
            assertEquals(Status.PASS, given.checks().get(0).status());
            assertTrue(given.ready());

            Readiness.Report noAnchors = Readiness.assessOnly(tpm, Readiness.Options.of(TrustBundle.empty()),
                    List.of("ek-chain"));
            assertEquals(Status.NOT_CHECKED, noAnchors.checks().get(0).status(), noAnchors.checks().toString());
            assertFalse(noAnchors.ready());
        }
    }
}

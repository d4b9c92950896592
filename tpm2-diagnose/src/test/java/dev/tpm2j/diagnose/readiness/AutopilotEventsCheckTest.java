package dev.tpm2j.diagnose.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.diagnose.explain.AutopilotEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The autopilot-events check's mapping of each {@link AutopilotEvents.Result}: results built directly and through
 * {@link AutopilotEvents#fromXml} on the synthetic wevtutil export in testdata/mdm-diagnostics (see its README).
 */
class AutopilotEventsCheckTest {
    static Path fixtures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("mdm-diagnostics");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        return fail("testdata/mdm-diagnostics was not found");
    }

    @Test
    void notOnWindowsDoesNotApply() {
        Check c = AutopilotEventsCheck.from(new AutopilotEvents.Result.NotOnWindows("Linux"));
        assertEquals(new Check("autopilot-events", Status.NOT_APPLICABLE,
                "not on Windows (Linux): the Autopilot event channel exists only there", null), c);
        assertTrue(new Readiness.Report(List.of(c)).ready(), "a check that does not apply never blocks readiness");
    }

    @Test
    void failedToReadIsNotCheckedWithTheReason() {
        Check c = AutopilotEventsCheck.from(new AutopilotEvents.Result.Failed("wevtutil qe X: exited 5: Access is denied."));
        assertEquals(Status.NOT_CHECKED, c.status());
        assertEquals("could not read the Autopilot event channels: wevtutil qe X: exited 5: Access is denied.",
                c.detail());
        assertTrue(c.fix().contains("administrator") && c.fix().contains("explain --logs"), c.fix());
        assertFalse(new Readiness.Report(List.of(c)).ready(), "events that could not be read are not a pass");
    }

    @Test
    void loggedTpmCausesFailWithTheChecksThatConfirmThem() throws Exception {
        byte[] xml = Files.readAllBytes(fixtures().resolve("utf16-no-ek-cert/AutopilotEvents.xml"));
        AutopilotEvents.Result.Read read = AutopilotEvents.fromXml("Autopilot", xml);
        Check c = AutopilotEventsCheck.from(read);
        assertEquals("autopilot-events", c.id());
        assertEquals(Status.FAIL, c.status());
        assertEquals("3 events read; logged: event 156, event 302, 0x801c0003", c.detail());
        assertTrue(c.fix().startsWith("the events name TPM causes; confirm or rule out each with "), c.fix());
        for (String check : read.checks()) {
            assertTrue(c.fix().contains(check), check + " missing from " + c.fix());
        }
        assertTrue(c.fix().contains("tpm2j diagnose --only virtual-tpm"), c.fix());
        assertTrue(!c.fix().contains("--only autopilot-events"), "the fix does not send the user in a circle");
        assertTrue(!new Readiness.Report(List.of(c)).ready());
    }

    @Test
    void eventsWithoutAnAttestationFailurePass() {
        AutopilotEvents.Result.Read quiet = AutopilotEvents.fromXml("Autopilot",
                "<Event><System><EventID>100</EventID></System></Event>".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Check("autopilot-events", Status.PASS, "1 events read; no TPM attestation failure logged",
                null), AutopilotEventsCheck.from(quiet));
        Check none = AutopilotEventsCheck.from(new AutopilotEvents.Result.Read(0, List.of()));
        assertEquals(Status.PASS, none.status());
        assertNull(none.fix());
    }
}

package dev.tpm2j.diagnose.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The clock-skew verdict: pass under 5 minutes, warn from 5 (Microsoft: "several minutes"), fail from 10. */
class ClockSkewTest {

    private static Status status(Duration skew) {
        return ClockSkew.verdict(skew, "a test reference").status();
    }

    @Test
    void warnsFromFiveMinutesAndFailsFromTen() {
        assertEquals(Status.PASS, status(Duration.ofSeconds(299)));
        assertEquals(Status.PASS, status(Duration.ofSeconds(-299)));
        assertEquals(Status.WARN, status(Duration.ofMinutes(5)), "the field's ~5 minutes must not pass");
        assertEquals(Status.WARN, status(Duration.ofMinutes(-5)));
        assertEquals(Status.WARN, status(Duration.ofSeconds(599)));
        assertEquals(Status.FAIL, status(Duration.ofMinutes(10)));
        assertEquals(Status.FAIL, status(Duration.ofMinutes(-30)));
        assertTrue(ClockSkew.verdict(Duration.ofMinutes(6), "x").fix().contains("several minutes"));
    }
}

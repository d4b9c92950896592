package dev.tpm2j.diagnose.readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock-skew check: AIK certificates are back-dated only 10 minutes, so from 10 minutes of skew a fresh one is not
 * yet (or no longer) valid: fail. Microsoft documents Autopilot failures from "several minutes" of skew and field
 * reports show them at about 5 minutes: warn from {@link #WARN_SKEW}.
 */
final class ClockSkew {
    /** The largest skew that still lets a fresh AIK certificate be valid. */
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    /** From this skew on the check warns: attestation has been seen to fail from "several minutes". */
    static final Duration WARN_SKEW = Duration.ofMinutes(5);

    private ClockSkew() {
    }

    static Check check(ReadinessContext ctx) {
        ReferenceTime ref = ctx.options().reference();
        if (ref instanceof ReferenceTime.Unavailable u) {
            return Check.notChecked("clock-skew", "not checked: could not get a reference time: " + u.why(),
                    "give --time-url a reachable http(s) server, or give the true time with --reference-time");
        }
        if (!(ref instanceof ReferenceTime.Given given)) {
            return Check.notChecked("clock-skew", "not checked: no reference time was given",
                    "run with --time-url URL (an http(s) server's Date header) or --reference-time ISO8601");
        }
        return verdict(Duration.between(given.instant(), Instant.now()), given.source());
    }

    /** The verdict on a measured skew (clock minus reference): pass under 5 minutes, warn from 5, fail from 10. */
    static Check verdict(Duration skew, String source) {
        String detail = "the system clock is " + describe(skew) + " against " + source;
        if (skew.abs().compareTo(MAX_SKEW) >= 0) {
            return Check.fail("clock-skew", detail, "synchronize the clock (w32tm /resync, timedatectl "
                    + "set-ntp true): AIK certificates are back-dated only 10 minutes, so a larger skew makes them not "
                    + "yet or no longer valid");
        }
        if (skew.abs().compareTo(WARN_SKEW) >= 0) {
            return Check.warn("clock-skew", detail, "synchronize the clock (w32tm /resync): Microsoft documents "
                    + "attestation failures from several minutes of skew; tpm2j fails the check from 10 minutes");
        }
        return Check.pass("clock-skew", detail);
    }

    private static String describe(Duration d) {
        long s = d.getSeconds();
        return (s >= 0 ? "ahead by " : "behind by ") + Math.abs(s) / 60 + " min " + Math.abs(s) % 60 + " s";
    }
}

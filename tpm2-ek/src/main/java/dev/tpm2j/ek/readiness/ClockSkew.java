package dev.tpm2j.ek.readiness;

import java.time.Duration;
import java.time.Instant;

/** The clock-skew check: AIK certificates are back-dated only 10 minutes. */
final class ClockSkew {
    /** The largest skew that still lets a fresh AIK certificate be valid. */
    static final Duration MAX_SKEW = Duration.ofMinutes(10);

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
        Duration skew = Duration.between(given.instant(), Instant.now());
        String detail = "the system clock is " + describe(skew) + " against " + given.source();
        if (skew.abs().compareTo(MAX_SKEW) > 0) {
            return Check.fail("clock-skew", detail, "synchronize the clock (w32tm /resync, timedatectl "
                    + "set-ntp true): AIK certificates are back-dated only 10 minutes, so a larger skew makes them not "
                    + "yet or no longer valid");
        }
        return Check.pass("clock-skew", detail);
    }

    private static String describe(Duration d) {
        long s = d.getSeconds();
        return (s >= 0 ? "ahead by " : "behind by ") + Math.abs(s) / 60 + " min " + Math.abs(s) % 60 + " s";
    }
}

package dev.tpm2j.diagnose.readiness;

/** How a readiness check came out. */
public enum Status {
    /** Nothing to do. */
    PASS("pass"),
    /** Worth knowing; attestation can still work. */
    WARN("warn"),
    /** Attestation will fail until the fix is applied. */
    FAIL("fail"),
    /** The check does not apply on this platform (e.g. a Windows-only check elsewhere); never a problem. */
    NOT_APPLICABLE("n/a"),
    /**
     * The check could not run (an input it needs was not given or could not be had, e.g. no reference time for the
     * clock); not a pass: a report with such a check does not say ready. The fix says what would let it run.
     */
    NOT_CHECKED("not-checked");

    private final String id;

    Status(String id) {
        this.id = id;
    }

    /** The stable lower-case id used in reports and JSON. */
    public String id() {
        return id;
    }
}

package dev.tpm2j.ek.readiness;

/** How a readiness check came out. */
public enum Status {
    /** Nothing to do. */
    PASS("pass"),
    /** Worth knowing; attestation can still work. */
    WARN("warn"),
    /** Attestation will fail until the fix is applied. */
    FAIL("fail"),
    /** The check does not apply on this platform (e.g. a Windows-only check elsewhere); never a problem. */
    NOT_APPLICABLE("n/a");

    private final String id;

    Status(String id) {
        this.id = id;
    }

    /** The stable lower-case id used in reports and JSON. */
    public String id() {
        return id;
    }
}

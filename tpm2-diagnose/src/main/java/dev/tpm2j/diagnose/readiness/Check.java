package dev.tpm2j.diagnose.readiness;

/**
 * One readiness finding: a stable id ({@code ek-cert}, {@code ek-chain}, …), its status, one sentence of detail,
 * and the fix (null when there is nothing to do).
 */
public record Check(String id, Status status, String detail, String fix) {
    /** A passing check. */
    public static Check pass(String id, String detail) {
        return new Check(id, Status.PASS, detail, null);
    }

    /** A warning, with an optional fix. */
    public static Check warn(String id, String detail, String fix) {
        return new Check(id, Status.WARN, detail, fix);
    }

    /** A check that does not apply here; {@code detail} says why. */
    public static Check notApplicable(String id, String detail) {
        return new Check(id, Status.NOT_APPLICABLE, detail, null);
    }

    /**
     * A check that could not run: {@code detail} says why, {@code fix} what would let it run. Not a pass: a
     * {@link Readiness.Report} with one is not ready.
     */
    public static Check notChecked(String id, String detail, String fix) {
        return new Check(id, Status.NOT_CHECKED, detail, fix);
    }

    /** A failure and its fix. */
    public static Check fail(String id, String detail, String fix) {
        return new Check(id, Status.FAIL, detail, fix);
    }
}

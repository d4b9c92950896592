package dev.tpm2j.diagnose.explain;

/**
 * One thing that can stand behind a symptom, whether it lies in the TPM, and what confirms or rules it out.
 *
 * @param id    a stable id (e.g. {@code tpm-lockout}, {@code device-limit}) printed in JSON
 * @param cause what can have happened, in one sentence
 * @param where whether the cause is in the TPM (its firmware, certificates, keys) or elsewhere
 * @param check the tpm2j command that confirms or rules it out, or {@link Check.OutsideTpm2j}
 */
public record Cause(String id, String cause, Where where, Check check) {

    /** Where a cause lies. */
    public enum Where {
        /** In the TPM: firmware, EK certificate and chain, keys, the TPM's state. */
        TPM,
        /** Outside the TPM: network, clock, policy, the service, the Windows setup. */
        ELSEWHERE
    }

    /** Validates the components. */
    public Cause {
        if (id == null || id.isBlank() || cause == null || cause.isBlank() || where == null || check == null) {
            throw new IllegalArgumentException("a cause needs an id, a text, a place and a check");
        }
    }

    /** True when the cause lies in the TPM. */
    public boolean inTpm() {
        return where == Where.TPM;
    }

    static Cause tpm(String id, String cause, Check check) {
        return new Cause(id, cause, Where.TPM, check);
    }

    static Cause elsewhere(String id, String cause, Check check) {
        return new Cause(id, cause, Where.ELSEWHERE, check);
    }

    static Cause elsewhere(String id, String cause, String where) {
        return new Cause(id, cause, Where.ELSEWHERE, new Check.OutsideTpm2j(where));
    }
}

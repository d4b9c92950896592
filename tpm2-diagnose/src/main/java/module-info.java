/**
 * tpm2j diagnose: {@code explain} (what a pasted Windows error, event or log means, ranked causes with their
 * evidence) and {@code readiness} (whether this device's TPM can pass Autopilot attestation, check by check).
 */
module dev.tpm2j.diagnose {
    requires transitive dev.tpm2j.core;
    requires transitive dev.tpm2j.ek;
    requires java.net.http;
    exports dev.tpm2j.diagnose.explain;
    exports dev.tpm2j.diagnose.readiness;
}

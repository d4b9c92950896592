/** tpm2j attest: quote and certify verification, the measured-boot event log (parse, replay, compare). JDK only. */
module dev.tpm2j.attest {
    requires transitive dev.tpm2j.core;
    exports dev.tpm2j.attest;
    exports dev.tpm2j.attest.device;
    exports dev.tpm2j.attest.eventlog;
    exports dev.tpm2j.attest.keyattest;
    exports dev.tpm2j.attest.quote;
}

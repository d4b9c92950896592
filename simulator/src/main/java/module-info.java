/** tpm2j simulator: a real swtpm, started and stopped from Java. */
module dev.tpm2j.simulator {
    requires transitive dev.tpm2j.transport;
    exports dev.tpm2j.simulator;
}

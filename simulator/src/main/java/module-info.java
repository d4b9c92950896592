/** tpm2j simulator: a real swtpm, started and stopped from Java, and a JUnit 5 extension that injects it. */
module dev.tpm2j.simulator {
    requires transitive dev.tpm2j.transport;
    requires static org.junit.jupiter.api;
    exports dev.tpm2j.simulator;

    provides dev.tpm2j.core.TpmTransportProvider with dev.tpm2j.simulator.SimProvider;
}

/** tpm2j simulator: a real swtpm, started, provisioned like real hardware and stopped from Java. */
module dev.tpm2j.simulator {
    requires transitive dev.tpm2j.transport;
    requires transitive org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires static org.junit.jupiter.api;
    exports dev.tpm2j.simulator;

    provides dev.tpm2j.core.TpmTransportProvider with dev.tpm2j.simulator.SimProvider;
}

package dev.tpm2j.simulator;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmTransportProvider;
import java.io.IOException;

/** {@code sim}: starts an embedded swtpm provisioned with the {@code intel-odca} profile; closing the transport stops it and deletes its state. */
public final class SimProvider implements TpmTransportProvider {
    @Override
    public String scheme() {
        return "sim";
    }

    @Override
    public TpmTransport open(String configuration) {
        if (!configuration.isBlank()) {
            throw new IllegalArgumentException("sim: takes no options, got '" + configuration + "'");
        }
        Swtpm sim = Swtpm.start(Profile.INTEL_ODCA);
        TpmTransport inner = sim.transport();
        return new TpmTransport() {
            @Override
            public byte[] transmit(byte[] command) throws IOException {
                return inner.transmit(command);
            }

            @Override
            public void close() throws IOException {
                try {
                    inner.close();
                } finally {
                    sim.close();
                }
            }

            @Override
            public String toString() {
                return "sim (" + sim.tpmSpec() + ")";
            }
        };
    }
}

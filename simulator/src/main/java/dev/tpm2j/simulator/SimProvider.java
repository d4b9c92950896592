package dev.tpm2j.simulator;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmTransportProvider;
import java.io.IOException;

/** {@code sim}: starts an embedded swtpm provisioned with the {@code intel-odca} profile; closing the transport stops it. */
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
        return new SimTransport(Swtpm.start(Profile.INTEL_ODCA));
    }

    /** The transport of an embedded simulator; knows what the simulator was provisioned with (its test CA). */
    public static final class SimTransport implements TpmTransport {
        private final Swtpm sim;
        private final TpmTransport inner;

        SimTransport(Swtpm sim) {
            this.sim = sim;
            this.inner = sim.transport();
        }

        /** The generated CA hierarchy and PEM exports (trust anchors for the simulator's EK certificates). */
        public Provisioned provisioned() {
            return sim.provisioned();
        }

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
    }
}

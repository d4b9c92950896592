package dev.tpm2j.simulator;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmTransportProvider;
import java.io.IOException;

/**
 * {@code sim[:profile=bare|intel-odca|discrete]}: starts an embedded swtpm provisioned with the profile (default
 * {@code intel-odca}); closing the transport stops it.
 */
public final class SimProvider implements TpmTransportProvider {
    @Override
    public String scheme() {
        return "sim";
    }

    /** The provider (found through {@link java.util.ServiceLoader}). */
    public SimProvider() {
    }

    @Override
    public TpmTransport open(String configuration) {
        return new SimTransport(Swtpm.start(profile(configuration)));
    }

    /** Parses {@code profile=bare|intel-odca|discrete} (the only option; default intel-odca). */
    static Profile profile(String configuration) {
        Profile profile = Profile.INTEL_ODCA;
        if (configuration.isBlank()) {
            return profile;
        }
        boolean seen = false;
        for (String part : configuration.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (!key.equals("profile") || eq < 0) {
                throw new IllegalArgumentException("sim: unknown option '" + part.strip() + "' (use "
                        + "profile=bare|intel-odca|discrete)");
            }
            if (seen) {
                throw new IllegalArgumentException("sim: option 'profile' given twice");
            }
            seen = true;
            try {
                profile = Profile.fromId(part.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sim: " + e.getMessage(), e);
            }
        }
        return profile;
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

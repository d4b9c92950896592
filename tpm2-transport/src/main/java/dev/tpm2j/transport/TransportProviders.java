package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmTransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/** The selection-string providers of this module: {@code swtpm:}, {@code mssim:} and {@code device:}. */
public final class TransportProviders {
    private TransportProviders() {
    }

    /** A provider whose configuration is tpm2-tools' {@code host=…,port=…}. */
    private abstract static class TcpProvider implements TpmTransportProvider {
        private final String scheme;
        private final java.util.function.BiFunction<String, Integer, TpmTransport> factory;

        TcpProvider(String scheme, java.util.function.BiFunction<String, Integer, TpmTransport> factory) {
            this.scheme = scheme;
            this.factory = factory;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public TpmTransport open(String configuration) {
            TctiConfig c = TctiConfig.parse(scheme, configuration);
            return factory.apply(c.host(), c.port());
        }
    }

    /** {@code swtpm:host=H,port=P} — swtpm's raw TCP channel. */
    public static final class Swtpm extends TcpProvider {
        public Swtpm() {
            super("swtpm", SwtpmTransport::new);
        }
    }

    /** {@code mssim:host=H,port=P} — the Microsoft/IBM simulator protocol. */
    public static final class Mssim extends TcpProvider {
        public Mssim() {
            super("mssim", MssimTransport::new);
        }
    }

    /** {@code device:/dev/tpmrm0} (the default path) or {@code device:/dev/tpm0}. */
    public static final class Device implements TpmTransportProvider {
        @Override
        public String scheme() {
            return "device";
        }

        @Override
        public TpmTransport open(String configuration) {
            String path = configuration.isBlank() ? LinuxDeviceTransport.RESOURCE_MANAGER.toString()
                    : configuration.strip();
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("device: expected an absolute path such as /dev/tpmrm0, got '"
                        + path + "'");
            }
            return new LinuxDeviceTransport(Path.of(path));
        }

        @Override
        public boolean isPlatformDefault() {
            return System.getProperty("os.name", "").toLowerCase().contains("linux")
                    && Files.exists(LinuxDeviceTransport.RESOURCE_MANAGER);
        }
    }

    /** {@code tbs} — Windows TPM Base Services (needs JNA; the platform default on Windows). */
    public static final class Tbs implements TpmTransportProvider {
        @Override
        public String scheme() {
            return "tbs";
        }

        @Override
        public TpmTransport open(String configuration) throws java.io.IOException {
            if (!configuration.isBlank()) {
                throw new IllegalArgumentException("tbs: takes no options, got '" + configuration + "'");
            }
            return TbsTransport.open();
        }

        @Override
        public boolean isPlatformDefault() {
            return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        }
    }
}

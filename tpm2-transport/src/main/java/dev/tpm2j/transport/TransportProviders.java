package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.TpmTransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/** The selection-string providers of this module: {@code swtpm:}, {@code mssim:} and {@code device:}. */
public final class TransportProviders {
    private TransportProviders() {
    }

    /** A provider whose configuration is tpm2-tools' {@code host=…,port=…} (plus {@code timeout=}). */
    private abstract static class TcpProvider implements TpmTransportProvider {
        private final String scheme;

        TcpProvider(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public TpmTransport open(String configuration) throws java.io.IOException {
            return open(TctiConfig.parse(scheme, configuration));
        }

        abstract TpmTransport open(TctiConfig c) throws java.io.IOException;
    }

    /** {@code swtpm:host=H,port=P[,timeout=T]} — swtpm's raw TCP channel. */
    public static final class Swtpm extends TcpProvider {
        /** The provider (found through {@link java.util.ServiceLoader}). */
        public Swtpm() {
            super("swtpm");
        }

        @Override
        TpmTransport open(TctiConfig c) {
            return c.timeout() == null ? new SwtpmTransport(c.host(), c.port())
                    : new SwtpmTransport(c.host(), c.port(), c.timeout(), c.timeout(), SwtpmTransport.DEFAULT_MAX_SIZE);
        }
    }

    /** {@code mssim:host=H,port=P[,timeout=T][,startup=1]} — the Microsoft/IBM simulator protocol. */
    public static final class Mssim extends TcpProvider {
        /** The provider (found through {@link java.util.ServiceLoader}). */
        public Mssim() {
            super("mssim");
        }

        @Override
        TpmTransport open(TctiConfig c) throws java.io.IOException {
            MssimTransport t = c.timeout() == null ? new MssimTransport(c.host(), c.port())
                    : new MssimTransport(c.host(), c.port(), 0, c.timeout(), c.timeout(),
                    SwtpmTransport.DEFAULT_MAX_SIZE);
            if (c.startup()) {
                try {
                    t.bringUp();
                } catch (java.io.IOException | RuntimeException e) {
                    t.close();
                    throw e;
                }
            }
            return t;
        }
    }

    /**
     * {@code device:/dev/tpmrm0} or {@code device:/dev/tpm0}; with no path, the kernel resource manager
     * {@code /dev/tpmrm0}, then the raw {@code /dev/tpm0}. The platform default on Linux.
     */
    public static final class Device implements TpmTransportProvider {
        private final java.util.List<Path> candidates;

        /** The provider (found through {@link java.util.ServiceLoader}): /dev/tpmrm0, then /dev/tpm0. */
        public Device() {
            this(java.util.List.of(LinuxDeviceTransport.RESOURCE_MANAGER, Path.of("/dev/tpm0")));
        }

        Device(java.util.List<Path> candidates) {
            this.candidates = java.util.List.copyOf(candidates);
        }

        @Override
        public String scheme() {
            return "device";
        }

        @Override
        public TpmTransport open(String configuration) throws java.io.IOException {
            if (configuration.isBlank()) {
                for (Path p : candidates) {
                    if (Files.exists(p)) {
                        return new LinuxDeviceTransport(p);
                    }
                }
                throw new java.io.IOException("no TPM device: " + String.join(" and ", candidates.stream()
                        .map(Path::toString).toList()) + " do not exist (no TPM, or its driver is not loaded; "
                        + "in a container, pass the device through)");
            }
            String path = configuration.strip();
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("device: expected an absolute path such as /dev/tpmrm0, got '"
                        + path + "'");
            }
            return new LinuxDeviceTransport(Path.of(path));
        }

        @Override
        public boolean isPlatformDefault() {
            return System.getProperty("os.name", "").toLowerCase().contains("linux");
        }
    }

    /** {@code tbs} — Windows TPM Base Services (needs JNA; the platform default on Windows). */
    public static final class Tbs implements TpmTransportProvider {
        /** The provider (found through {@link java.util.ServiceLoader}). */
        public Tbs() {
        }

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

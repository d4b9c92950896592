package dev.tpm2j.simulator;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.transport.SwtpmTransport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real swtpm process on free loopback ports, with fresh state manufactured by {@code swtpm_setup} (EK certificates
 * for RSA 2048 at 0x01C00002 and ECC at 0x01C00016, a platform certificate). {@link #close()} stops it and deletes
 * its state; a JVM shutdown hook does the same if the caller forgets.
 *
 * <pre>{@code
 * try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
 *     byte[] ekCert = tpm.nvRead(0x01C00002);
 * }
 * }</pre>
 */
public final class Swtpm implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Swtpm.class.getName());
    private static final String INSTALL_HINT =
            "install it with: sudo apt-get install swtpm swtpm-tools (Debian/Ubuntu) or sudo dnf install swtpm swtpm-tools";

    private final Process process;
    private final Path stateDir;
    private final boolean deleteState;
    private final int port;
    private Provisioned provisioned;
    private final Thread shutdownHook;
    private boolean closed;

    private Swtpm(Process process, Path stateDir, boolean deleteState, int port) {
        this.process = process;
        this.stateDir = stateDir;
        this.deleteState = deleteState;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "swtpm-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Manufactures a fresh TPM (EK certificates included) and starts swtpm on free loopback ports. */
    public static Swtpm start() {
        return start(SwtpmOptions.DEFAULT);
    }

    /** Like {@link #start()}, then provisions it with {@code profile}. */
    public static Swtpm start(Profile profile) {
        return start(SwtpmOptions.DEFAULT.withProfile(profile));
    }

    /** Manufactures (unless a persistent state directory already holds a TPM), starts and provisions. */
    public static Swtpm start(SwtpmOptions options) {
        boolean alreadyManufactured = options.stateDir() != null && Files.exists(options.stateDir().resolve(
                "tpm2-00.permall"));
        Swtpm sim = launch(options);
        if (alreadyManufactured) {
            sim.provisioned = new Provisioned(options.profile(), null, List.of(), List.of(), List.of(),
                    java.util.Map.of(), null, null);
            return sim;
        }
        try (Tpm tpm = sim.openTpm()) {
            sim.provisioned = Provisioner.apply(options.profile(), tpm, sim.stateDir.resolve("trust"));
            return sim;
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private static Swtpm launch(SwtpmOptions options) {
        String swtpm = findExecutable("swtpm");
        String setup = findExecutable("swtpm_setup");
        int fixedPort = options.port();
        boolean temporary = options.stateDir() == null;
        Path dir;
        try {
            if (temporary) {
                reapStale(Path.of(System.getProperty("java.io.tmpdir")));
                dir = Files.createTempDirectory(TEMP_PREFIX);
                Files.writeString(dir.resolve(OWNER), "jvm=" + ProcessHandle.current().pid() + "\n");
            } else {
                dir = Files.createDirectories(options.stateDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for swtpm", e);
        }
        Path log = options.logFile() != null ? options.logFile() : dir.resolve("swtpm.log");
        try {
            if (!Files.exists(dir.resolve("tpm2-00.permall"))) {
                run(List.of(setup, "--tpm2", "--tpmstate", dir.toString(), "--create-ek-cert",
                        "--create-platform-cert", "--rsa-keysize", Integer.toString(options.rsaKeySize()),
                        "--pcr-banks", options.pcrBanks(), "--overwrite", "--logfile",
                        dir.resolve("setup.log").toString()), dir, Duration.ofSeconds(120));
            }
            IOException last = null;
            for (int attempt = 0; attempt < (fixedPort == 0 ? 10 : 1); attempt++) {
                int port = fixedPort == 0 ? freePortPair() : fixedPort;
                Process p = new ProcessBuilder(swtpm, "socket", "--tpm2", "--tpmstate", "dir=" + dir,
                        "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                        "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                        "--flags", "not-need-init,startup-clear",
                        "--log", "file=" + log + ",level=1")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("swtpm.out").toFile())
                        .start();
                try {
                    waitUntilListening(p, port, Duration.ofSeconds(15));
                    if (temporary) {
                        Files.writeString(dir.resolve(OWNER), "jvm=" + ProcessHandle.current().pid() + "\nswtpm="
                                + p.pid() + "\n");
                    }
                    LOG.log(System.Logger.Level.DEBUG, "swtpm started on port {0} with state in {1}", port, dir);
                    return new Swtpm(p, dir, temporary, port);
                } catch (IOException e) {
                    last = e;
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            throw new IllegalStateException("swtpm did not start: " + last.getMessage() + "; output: "
                    + readQuietly(dir.resolve("swtpm.out")), last);
        } catch (IOException e) {
            if (temporary) {
                deleteRecursively(dir);
            }
            throw new UncheckedIOException("cannot start swtpm: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (temporary) {
                deleteRecursively(dir);
            }
            throw new IllegalStateException("interrupted while starting swtpm", e);
        } catch (RuntimeException e) {
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /** What the provisioning profile wrote and exported. */
    public Provisioned provisioned() {
        return provisioned;
    }

    /** The TCP port of the TPM command channel (the control channel is the next port). */
    public int port() {
        return port;
    }

    /** The TCP port of the control channel. */
    public int controlPort() {
        return port + 1;
    }

    /** The tpm2j / tpm2-tools selection string, {@code swtpm:host=127.0.0.1,port=P}. */
    public String tpmSpec() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    /** The state directory (deleted on close unless it was given as persistent). */
    public Path stateDir() {
        return stateDir;
    }

    /** A new raw-TCP transport to this simulator. swtpm serves one connection at a time. */
    public SwtpmTransport transport() {
        return new SwtpmTransport("127.0.0.1", port);
    }

    /** A new {@link Tpm} over {@link #transport()}. */
    public Tpm openTpm() {
        return Tpm.open(transport());
    }

    /** Whether the swtpm process is still alive. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops swtpm and deletes its state. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs stop() itself
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (deleteState) {
            deleteRecursively(stateDir);
        }
    }

    /** Finds {@code name} on PATH or fails with the install command. */
    public static String findExecutable(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new SwtpmNotFoundException(name + " is not installed or not on PATH; " + INSTALL_HINT);
    }

    private static void run(List<String> command, Path dir, Duration timeout) throws IOException,
            InterruptedException {
        Path out = dir.resolve(Path.of(command.get(0)).getFileName() + ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ": "
                    + readQuietly(out) + readQuietly(dir.resolve("setup.log")));
        }
    }

    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            if (port >= 65535) {
                continue;
            }
            try (ServerSocket s2 = new ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (s2.getLocalPort() == port + 1) {
                    return port;
                }
            } catch (IOException busy) {
                // next try
            }
        }
        throw new IOException("no free pair of loopback ports");
    }

    private static void waitUntilListening(Process p, int port, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("swtpm exited with code " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("swtpm did not listen on port " + port + " within " + timeout);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The name prefix of temporary state directories. */
    static final String TEMP_PREFIX = "tpm2j-swtpm-";
    /** The file in a temporary state directory naming the JVM that owns it and its swtpm process. */
    static final String OWNER = "owner";

    /**
     * Removes temporary state left by a JVM that was killed (SIGKILL skips shutdown hooks): every
     * {@code tpm2j-swtpm-*} directory in {@code tmp} whose owning JVM is gone is deleted, after stopping its orphaned
     * swtpm (only a live process whose command is swtpm). Directories of live JVMs are never touched.
     */
    static void reapStale(Path tmp) {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(tmp)) {
            dirs = s.filter(d -> d.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isDirectory(d)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path d : dirs) {
            java.util.Map<String, Long> owner = new java.util.HashMap<>();
            try {
                for (String line : Files.readAllLines(d.resolve(OWNER))) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        owner.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                continue; // not ours, or being written right now
            }
            Long jvm = owner.get("jvm");
            if (jvm == null || ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            Long swtpm = owner.get("swtpm");
            if (swtpm != null) {
                ProcessHandle.of(swtpm).filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().command().map(c -> c.endsWith("swtpm")).orElse(false))
                        .ifPresent(h -> {
                            h.destroyForcibly();
                            try {
                                h.onExit().get(5, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                LOG.log(System.Logger.Level.WARNING, "orphaned swtpm " + swtpm + " did not stop", e);
                            }
                        });
            }
            LOG.log(System.Logger.Level.INFO, "removing swtpm state {0} left by a killed JVM ({1})", d, jvm);
            deleteRecursively(d);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete swtpm state " + dir, e);
        }
    }
}

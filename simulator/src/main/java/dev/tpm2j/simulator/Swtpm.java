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
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private Swtpm(Process process, Path stateDir, int port) {
        this.process = process;
        this.stateDir = stateDir;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "swtpm-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Manufactures a fresh TPM (EK certificates included) and starts swtpm on free loopback ports. */
    public static Swtpm start() {
        String swtpm = findExecutable("swtpm");
        String setup = findExecutable("swtpm_setup");
        Path dir;
        try {
            dir = Files.createTempDirectory("tpm2j-swtpm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for swtpm", e);
        }
        try {
            run(List.of(setup, "--tpm2", "--tpmstate", dir.toString(), "--create-ek-cert", "--create-platform-cert",
                    "--overwrite", "--logfile", dir.resolve("setup.log").toString()), dir, Duration.ofSeconds(120));
            IOException last = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                int port = freePortPair();
                Process p = new ProcessBuilder(swtpm, "socket", "--tpm2", "--tpmstate", "dir=" + dir,
                        "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                        "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                        "--flags", "not-need-init,startup-clear",
                        "--log", "file=" + dir.resolve("swtpm.log") + ",level=1")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("swtpm.out").toFile())
                        .start();
                try {
                    waitUntilListening(p, port, Duration.ofSeconds(15));
                    LOG.log(System.Logger.Level.DEBUG, "swtpm started on port {0} with state in {1}", port, dir);
                    return new Swtpm(p, dir, port);
                } catch (IOException e) {
                    last = e;
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            throw new IllegalStateException("swtpm did not start: " + last.getMessage() + "; output: "
                    + readQuietly(dir.resolve("swtpm.out")), last);
        } catch (IOException e) {
            deleteRecursively(dir);
            throw new UncheckedIOException("cannot start swtpm: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteRecursively(dir);
            throw new IllegalStateException("interrupted while starting swtpm", e);
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /** The TCP port of the TPM command channel (the control channel is the next port). */
    public int port() {
        return port;
    }

    public int controlPort() {
        return port + 1;
    }

    /** The tpm2j / tpm2-tools selection string, {@code swtpm:host=127.0.0.1,port=P}. */
    public String tpmSpec() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    /** The state directory (deleted on close). */
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
        deleteRecursively(stateDir);
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

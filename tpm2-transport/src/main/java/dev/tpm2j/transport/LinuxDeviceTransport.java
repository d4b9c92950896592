package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The Linux TPM character devices: {@code /dev/tpmrm0} (kernel resource manager, the default) or {@code /dev/tpm0}
 * (raw, one user at a time). One write of the whole command, one read of the response. Kernel errors become
 * {@link IOException}s that say what happened and what to do.
 */
public final class LinuxDeviceTransport implements TpmTransport {
    /** The kernel resource manager, the default. */
    public static final Path RESOURCE_MANAGER = Path.of("/dev/tpmrm0");
    /** The raw device (one user at a time, no resource management). */
    public static final Path RAW_DEVICE = Path.of("/dev/tpm0");
    /** The kernel's TPM buffer size. */
    public static final int MAX_SIZE = 4096;

    /** Closes a channel whose read has outlived its timeout, which makes the blocked read fail at once. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tpm2j-device-watchdog");
                t.setDaemon(true);
                return t;
            });

    private final Path writePath;
    private final Path readPath;
    private final java.time.Duration readTimeout;
    private FileChannel writer;
    private FileChannel reader;
    private boolean closed;

    /** Opens {@code device} for reading and writing (lazily, on the first command). */
    public LinuxDeviceTransport(Path device) {
        this(device, device, java.time.Duration.ofSeconds(120));
    }

    /**
     * @param readTimeout how long to wait for a response before giving up (the kernel has its own, usually
     *                    shorter, command timeouts; this one guards against a wedged driver)
     */
    public LinuxDeviceTransport(Path device, java.time.Duration readTimeout) {
        this(device, device, readTimeout);
    }

    /** For tests: commands go to {@code writePath}, responses come from {@code readPath} (e.g. two FIFOs). */
    LinuxDeviceTransport(Path writePath, Path readPath, java.time.Duration readTimeout) {
        this.writePath = writePath;
        this.readPath = readPath;
        this.readTimeout = readTimeout;
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        if (closed) {
            throw new IOException(writePath + " transport is closed");
        }
        if (command.length < SwtpmTransport.HEADER || command.length > MAX_SIZE) {
            throw new IOException("command of " + command.length + " bytes is outside " + SwtpmTransport.HEADER
                    + ".." + MAX_SIZE + "; not sent");
        }
        open();
        try {
            int written = writer.write(ByteBuffer.wrap(command));
            if (written != command.length) {
                throw new IOException(writePath + " accepted " + written + " of " + command.length
                        + " command bytes in one write");
            }
            ByteBuffer buf = ByteBuffer.allocate(MAX_SIZE);
            FileChannel r = reader;
            java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                try {
                    r.close();
                } catch (IOException ignored) {
                    // the reader sees the close
                }
            }, readTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            int n;
            try {
                n = r.read(buf);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                if (timedOut.get()) {
                    throw new java.net.SocketTimeoutException(readPath + " sent no response within "
                            + readTimeout.toMillis() + " ms");
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
            if (n < 0) {
                throw new IOException(readPath + " returned end-of-file instead of a response");
            }
            if (n < SwtpmTransport.HEADER) {
                throw new IOException(readPath + " returned a " + n + "-byte response; at least "
                        + SwtpmTransport.HEADER + " expected");
            }
            long announced = Integer.toUnsignedLong(buf.getInt(2));
            if (announced != n) {
                throw new IOException(readPath + " returned " + n + " bytes but the response header announces "
                        + announced);
            }
            byte[] response = new byte[n];
            buf.flip().get(response);
            return response;
        } catch (IOException e) {
            closeChannels();
            throw explain(e, writePath);
        }
    }

    private void open() throws IOException {
        try {
            if (writePath.equals(readPath)) {
                if (writer == null) {
                    writer = FileChannel.open(writePath, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    reader = writer;
                }
            } else {
                if (writer == null) {
                    writer = FileChannel.open(writePath, StandardOpenOption.WRITE);
                }
                if (reader == null) {
                    reader = FileChannel.open(readPath, StandardOpenOption.READ);
                }
            }
        } catch (IOException e) {
            closeChannels();
            throw explain(e, writePath);
        }
    }

    /** Turns a kernel error on a TPM device into a message that says what happened and what to do. */
    static IOException explain(IOException e, Path device) {
        String m = String.valueOf(e.getMessage());
        String advice;
        if (e instanceof NoSuchFileException) {
            advice = device + " does not exist: no TPM 2.0 is exposed to this system (enable the TPM / PTT / fTPM "
                    + "in firmware, or load the tpm_crb / tpm_tis driver)";
        } else if (e instanceof AccessDeniedException || m.contains("Permission denied")) {
            advice = "permission denied on " + device + ": add the user to the 'tss' group (sudo usermod -aG tss "
                    + "$USER, then log in again) or run as root";
        } else if (m.contains("Device or resource busy")) {
            advice = device + " is busy (EBUSY): another process holds the raw device, or a previous response was "
                    + "not read; use /dev/tpmrm0 (the resource manager) instead of /dev/tpm0";
        } else if (m.contains("Argument list too long")) {
            advice = device + " refused the command size (E2BIG): the command exceeds the kernel's 4096-byte buffer";
        } else if (m.contains("Invalid argument")) {
            advice = device + " rejected the command (EINVAL): the command header or size is malformed";
        } else {
            return e;
        }
        return new IOException(advice + " [" + m + "]", e);
    }

    private void closeChannels() {
        for (FileChannel c : new FileChannel[] {writer, reader}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing after a failure
                }
            }
        }
        writer = null;
        reader = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeChannels();
    }

    @Override
    public String toString() {
        return "device:" + writePath;
    }
}

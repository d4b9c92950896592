package dev.tpm2j.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records real swtpm responses as seeds for {@link FacadeResponseFuzzTest} (run by hand against a swtpm already
 * listening on loopback, e.g. {@code swtpm socket --tpm2 --server type=tcp,port=2321 --ctrl type=tcp,port=2322
 * --tpmstate dir=/tmp/s --flags not-need-init,startup-clear}; then {@code java -cp <test classpath>
 * dev.tpm2j.core.SwtpmSeedRecorder 2321 tpm2-core/src/test/resources/dev/tpm2j/core}). Sends each case's command
 * in list order — CreatePrimary leaves the object that Create, Certify and ActivateCredential refer to — and stores
 * the raw response, success or TPM error, as {@code swtpm-response}. tpm2-core cannot depend on the simulator
 * module, so this speaks swtpm's raw TCP framing itself.
 */
final class SwtpmSeedRecorder {
    private SwtpmSeedRecorder() {
    }

    /** A minimal swtpm TCP transport that also remembers the last response. */
    static final class Recording implements TpmTransport {
        private final Socket socket;
        byte[] last;

        Recording(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(command);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[10];
            in.readFully(header);
            int size = ((header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                    | (header[5] & 0xFF);
            if (size < 10 || size > 8192) {
                throw new IOException("response size " + size);
            }
            byte[] response = new byte[size];
            System.arraycopy(header, 0, response, 0, 10);
            in.readFully(response, 10, size - 10);
            last = response;
            return response;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).resolve("FacadeResponseFuzzTestInputs");
        try (Recording t = new Recording(port); Tpm tpm = Tpm.open(t, RetryPolicy.NONE)) {
            for (FacadeResponseFuzzTest.Case c : FacadeResponseFuzzTest.CASES) {
                if (c.name().equals("Shutdown")) {
                    continue; // would end the session for the cases after it
                }
                t.last = null;
                String outcome;
                try {
                    tpm.execute(c.command(), c.sessionArray());
                    outcome = "ok";
                } catch (RuntimeException e) {
                    outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                if (t.last != null) {
                    Path dir = root.resolve(SeedCorpus.methodName(c.name()));
                    Files.createDirectories(dir);
                    Files.write(dir.resolve("swtpm-response"), t.last);
                }
                System.out.println(c.name() + ": " + outcome);
            }
        }
    }
}

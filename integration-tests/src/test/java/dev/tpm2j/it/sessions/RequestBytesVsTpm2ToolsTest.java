package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.NvDefineSpace;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.NvUndefineSpace;
import dev.tpm2j.core.commands.PolicyAuthorize;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtTkVerified;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bytes pinned against tpm2-tools: tpm2-tools talks to swtpm through a recording proxy, tpm2j sends the same
 * commands, and for each — NV_DefineSpace with an auth value, NV_ReadPublic, NV_UndefineSpace — tpm2-tools sent a
 * command with exactly tpm2j's command code, handle area and parameter area; PolicyAuthorize in a trial session
 * (approvedPolicy, policyRef, keySign and an empty ticket) has exactly tpm2-tools' command code and parameters. (tpm2-tools authorizes with its own HMAC
 * sessions, whose nonces are random, so the authorization areas differ by design; a command without sessions must
 * match byte for byte.)
 */
class RequestBytesVsTpm2ToolsTest {
    /** Forwards the swtpm data and control ports, recording what clients send on the data port. */
    static final class RecordingProxy implements AutoCloseable {
        final ServerSocket data;
        final ServerSocket ctrl;
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        RecordingProxy(int upstreamData, int upstreamCtrl) throws IOException {
            ServerSocket d = null;
            ServerSocket c = null;
            for (int attempt = 0; attempt < 50 && c == null; attempt++) {
                d = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                try {
                    c = new ServerSocket(d.getLocalPort() + 1, 10, InetAddress.getLoopbackAddress());
                } catch (IOException taken) {
                    d.close();
                }
            }
            if (c == null) {
                throw new IOException("no two consecutive free ports");
            }
            data = d;
            ctrl = c;
            accept(data, upstreamData, true);
            accept(ctrl, upstreamCtrl, false);
        }

        int port() {
            return data.getLocalPort();
        }

        private void accept(ServerSocket server, int upstream, boolean record) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    Socket client;
                    try {
                        client = server.accept();
                    } catch (IOException closed) {
                        return;
                    }
                    try {
                        Socket up = connect(upstream);
                        pump(client.getInputStream(), up.getOutputStream(), record);
                        pump(up.getInputStream(), client.getOutputStream(), false);
                    } catch (IOException upstreamFailed) {
                        try {
                            client.close(); // the tool sees the failure at once; the proxy keeps accepting
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                }
            }, "recording-proxy");
            t.setDaemon(true);
            t.start();
        }

        /** swtpm serves one connection per port at a time: a busy moment is retried briefly, not fatal. */
        private static Socket connect(int upstream) throws IOException {
            IOException last = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    return new Socket(InetAddress.getLoopbackAddress(), upstream);
                } catch (IOException e) {
                    last = e;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
            throw last;
        }

        private void pump(InputStream in, OutputStream out, boolean record) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        if (record) {
                            synchronized (sent) {
                                sent.write(buf, 0, n);
                            }
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // connection ended
                } finally {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "recording-pump");
            t.setDaemon(true);
            t.start();
        }

        byte[] recorded() {
            synchronized (sent) {
                return sent.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            data.close();
            ctrl.close();
        }
    }

    /** Records the commands tpm2j sends. */
    static final class Tap implements TpmTransport {
        final TpmTransport inner;
        final List<byte[]> commands = new ArrayList<>();

        Tap(TpmTransport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            commands.add(command.clone());
            return inner.transmit(command);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void tpm2jRequestsAppearVerbatimInWhatTpm2ToolsSent() throws Exception {
        try (Swtpm sim = Swtpm.start(); RecordingProxy proxy = new RecordingProxy(sim.port(), sim.controlPort())) {
            String tcti = "swtpm:host=127.0.0.1,port=" + proxy.port();
            int index = 0x01500C00;
            String hex = "0x" + Integer.toHexString(index);
            runTool(tcti, "tpm2_nvdefine", hex, "-C", "o", "-s", "32", "-a",
                    "ownerread|ownerwrite|authread|authwrite", "-p", "pinned-pw");
            runTool(tcti, "tpm2_nvreadpublic", hex);
            runTool(tcti, "tpm2_nvundefine", hex, "-C", "o");
            byte[] tools = proxy.recorded();

            Tap tap = new Tap(sim.transport());
            try (Tpm tpm = Tpm.open(tap)) {
                tpm.execute(new NvDefineSpace(TpmRh.OWNER, "pinned-pw".getBytes(StandardCharsets.US_ASCII),
                        new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERREAD, TpmaNv.OWNERWRITE,
                                TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE), Bytes.EMPTY, 32)), PasswordSession.empty());
                tpm.execute(new NvReadPublic(index));
                tpm.execute(new NvUndefineSpace(TpmRh.OWNER, index), PasswordSession.empty());
            }
            List<byte[]> theirs = split(tools);
            String[] names = {"NV_DefineSpace", "NV_ReadPublic", "NV_UndefineSpace"};
            int[] handleCounts = {1, 1, 2};
            for (int i = 0; i < names.length; i++) {
                String ours = shape(tap.commands.get(i), handleCounts[i]);
                List<String> candidates = new ArrayList<>();
                for (byte[] c : theirs) {
                    candidates.add(shape(c, handleCounts[i]));
                }
                assertTrue(candidates.contains(ours), names[i] + ": tpm2j " + ours + " not among tpm2-tools' "
                        + candidates);
            }
            byte[] readPublic = tap.commands.get(1);
            assertTrue(theirs.stream().anyMatch(c -> java.util.Arrays.equals(c, readPublic)),
                    "NV_ReadPublic byte for byte: " + HexFormat.of().formatHex(readPublic));
        }
    }

    @Test
    void policyAuthorizeParametersEqualTpm2ToolsTrialSession(@TempDir Path dir) throws Exception {
        byte[] approved = new byte[32];
        byte[] name = new byte[34];
        for (int i = 0; i < 32; i++) {
            approved[i] = (byte) (0xA0 + i);
            name[2 + i] = (byte) (0x30 + i);
        }
        name[1] = 0x0B; // TPM_ALG_SHA256
        byte[] ref = "pinned policyRef".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("approved.dig"), approved);
        Files.write(dir.resolve("key.name"), name);
        Files.write(dir.resolve("ref.bin"), ref);
        Path ctx = dir.resolve("trial.ctx");
        try (Swtpm sim = Swtpm.start(); RecordingProxy proxy = new RecordingProxy(sim.port(), sim.controlPort())) {
            String tcti = "swtpm:host=127.0.0.1,port=" + proxy.port();
            runTool(tcti, "tpm2_startauthsession", "-S", ctx.toString());
            runTool(tcti, "tpm2_policyauthorize", "-S", ctx.toString(), "-i", dir.resolve("approved.dig").toString(),
                    "-q", dir.resolve("ref.bin").toString(), "-n", dir.resolve("key.name").toString());
            runTool(tcti, "tpm2_flushcontext", ctx.toString());
            List<String> theirs = new ArrayList<>();
            for (byte[] c : split(proxy.recorded())) {
                theirs.add(withoutHandles(shape(c, 1)));
            }
            Tap tap = new Tap(sim.transport());
            try (Tpm tpm = Tpm.open(tap);
                 PolicySession trial = tpm.startPolicySession(SessionOptions.trial(TpmAlgId.SHA256))) {
                // tpm2-tools sends an empty ticket of the owner hierarchy where tpm2j's trial() sends the spec's NULL
                // ticket (TPM_RH_NULL); a trial session checks neither, so send tpm2-tools' to compare every byte.
                tpm.execute(new PolicyAuthorize(trial.handle(), Bytes.of(approved), Bytes.of(ref), Bytes.of(name),
                        new TpmtTkVerified(TpmSt.VERIFIED, TpmRh.OWNER, Bytes.EMPTY)));
            }
            byte[] ours = tap.commands.stream().filter(c -> c.length >= 10 && (((c[6] & 0xFF) << 24
                    | (c[7] & 0xFF) << 16 | (c[8] & 0xFF) << 8 | (c[9] & 0xFF)) == TpmCc.PolicyAuthorize))
                    .findFirst().orElseThrow();
            String mine = withoutHandles(shape(ours, 1));
            assertTrue(mine.contains(HexFormat.of().formatHex(approved)), mine);
            assertTrue(theirs.contains(mine), "PolicyAuthorize: tpm2j " + mine + " not among tpm2-tools' " + theirs);
        }
    }

    /** "cc | parameters" from {@link #shape}: the session handle differs between the two clients' sessions. */
    static String withoutHandles(String shape) {
        return shape.length() < 8 ? shape : shape.substring(0, 8) + shape.substring(shape.indexOf(" | "));
    }

    /** Splits a recorded stream of commands by their size fields. */
    static List<byte[]> split(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i + 10 <= stream.length; ) {
            int size = ((stream[i + 2] & 0xFF) << 24) | ((stream[i + 3] & 0xFF) << 16) | ((stream[i + 4] & 0xFF) << 8)
                    | (stream[i + 5] & 0xFF);
            if (size < 10 || i + size > stream.length) {
                break;
            }
            out.add(java.util.Arrays.copyOfRange(stream, i, i + size));
            i += size;
        }
        return out;
    }

    /** "cc handles | parameters" of a command in hex, leaving out the authorization area. */
    static String shape(byte[] c, int handles) {
        HexFormat hex = HexFormat.of();
        int tag = ((c[0] & 0xFF) << 8) | (c[1] & 0xFF);
        int at = 10 + 4 * handles;
        if (at > c.length) {
            return "short " + hex.formatHex(c);
        }
        String head = hex.formatHex(c, 6, at);
        if (tag == 0x8002 && at + 4 <= c.length) {
            int auth = ((c[at] & 0xFF) << 24) | ((c[at + 1] & 0xFF) << 16) | ((c[at + 2] & 0xFF) << 8)
                    | (c[at + 3] & 0xFF);
            at = Math.min(c.length, at + 4 + auth);
        }
        return head + " | " + hex.formatHex(c, at, c.length);
    }

    /** Runs a tpm2-tools command with {@code TPM2TOOLS_TCTI} = {@code tcti}; fails when it fails or hangs. */
    static void runTool(String tcti, String tool, String... args) {
        dev.tpm2j.simulator.Tpm2Tools.runWithTcti(tcti, tool, args);
    }
}

package dev.tpm2j.bench;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Against a real swtpm: GetRandom(8) through the Tpm facade vs the same bytes on a raw socket (one simulator, two
 * connections, same run), and the EK inventory + chain read + verify end to end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TpmBench {
    static final byte[] GET_RANDOM_8 = {(byte) 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7B, 0, 8};
    Swtpm sim;
    Tpm tpm;
    Socket raw;
    TrustBundle trust;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        sim = Swtpm.start(Profile.INTEL_ODCA);
        tpm = sim.openTpm();
        trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                .withIntermediatesFrom(sim.provisioned().intermediatesPem());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (raw != null) {
            raw.close();
        }
        if (tpm != null) {
            tpm.close();
        }
        sim.close();
    }

    @Benchmark
    public Object facadeGetRandom8() {
        return tpm.execute(new GetRandom(8));
    }

    @Benchmark
    public byte[] rawSocketGetRandom8() throws Exception {
        if (raw == null) {
            tpm.close(); // swtpm serves one connection at a time
            tpm = null;
            raw = new Socket("127.0.0.1", sim.port());
            raw.setTcpNoDelay(true);
        }
        OutputStream out = raw.getOutputStream();
        out.write(GET_RANDOM_8);
        DataInputStream in = new DataInputStream(raw.getInputStream());
        byte[] header = new byte[10];
        in.readFully(header);
        int size = ((header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        byte[] rest = new byte[size - 10];
        in.readFully(rest);
        return rest;
    }

    @Benchmark
    public boolean ekInventoryAndChain() {
        if (tpm == null) {
            throw new IllegalStateException("run facade benchmarks before rawSocket ones (alphabetical order does)");
        }
        EkInventory inv = EkInventory.read(tpm);
        EkChain.Result r = inv.verifyChain(inv.primaryEkCertificate().orElseThrow(), trust, List.of(), Instant.now(),
                null);
        return r.trusted();
    }
}

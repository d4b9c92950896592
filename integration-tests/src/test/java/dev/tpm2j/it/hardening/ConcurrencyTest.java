package dev.tpm2j.it.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.RetryPolicy;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.transport.SwtpmTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads, one Tpm: every response reaches its own caller intact; a dying transport deadlocks nobody. */
class ConcurrencyTest {

    @Test
    void sixteenThreadsTimesAThousandMixedCommands() throws Exception {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            byte[] certificate = tpm.nvRead(0x01C00002);
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Bytes srkName = srk.name();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 1000; i++) {
                            switch ((i + seed) % 3) {
                                case 0 -> assertEquals(16, tpm.getRandom(16).length);
                                case 1 -> assertArrayEquals(certificate, tpm.nvRead(0x01C00002));
                                default -> assertEquals(srkName, tpm.execute(
                                        new dev.tpm2j.core.commands.ReadPublic(srk.objectHandle())).name());
                            }
                            ok++;
                        }
                        return ok;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : futures) {
                    total += f.get(300, TimeUnit.SECONDS);
                }
                assertEquals(16_000, total);
            } finally {
                pool.shutdownNow();
                tpm.flushContext(srk.objectHandle());
            }
        }
    }

    @Test
    void noDeadlockWhenTheTransportDiesUnderLoad() throws Exception {
        Swtpm sim = Swtpm.start();
        Tpm tpm = Tpm.open(new SwtpmTransport("127.0.0.1", sim.port(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                4096), RetryPolicy.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger typedFailures = new AtomicInteger();
        AtomicInteger otherFailures = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        try {
                            tpm.getRandom(8);
                        } catch (TpmException e) {
                            typedFailures.incrementAndGet();
                        } catch (RuntimeException e) {
                            otherFailures.incrementAndGet();
                        }
                    }
                }));
            }
            Thread.sleep(200);
            sim.close(); // the simulator dies mid-run
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS); // every thread finishes: nobody is stuck
            }
            assertTrue(typedFailures.get() > 0, "the death was noticed");
            assertEquals(0, otherFailures.get(), "only typed errors");
        } finally {
            pool.shutdownNow();
            tpm.close();
            sim.close();
        }
    }
}

package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many threads sign through one provider instance over one TPM connection: every signature verifies, a key is loaded
 * once and kept loaded (round trips counted), and more keys than the provider keeps loaded are flushed and reloaded
 * without a failure.
 */
@ExtendWith(SwtpmExtension.class)
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int SIGNATURES = 20;
    private static final AtomicReference<CountingTransport> WIRE = new AtomicReference<>();
    private static Tpm2jProvider provider;

    @BeforeAll
    static void start(Swtpm sim) {
        provider = new Tpm2jProvider(new TpmKeyService(sim.tpmSpec(), () -> {
            CountingTransport t = new CountingTransport(sim.transport());
            WIRE.set(t);
            return t;
        }));
    }

    @AfterAll
    static void stop() {
        provider.disconnect();
    }

    private static void signConcurrently(List<KeyPair> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Signature s = Signature.getInstance("SHA256withECDSA", provider);
                    Signature v = Signature.getInstance("SHA256withECDSA");
                    for (int i = 0; i < SIGNATURES; i++) {
                        KeyPair kp = keys.get((thread + i) % keys.size());
                        byte[] msg = ("thread " + thread + " message " + i).getBytes();
                        s.initSign(kp.getPrivate());
                        s.update(msg);
                        byte[] sig = s.sign();
                        v.initVerify(kp.getPublic());
                        v.update(msg);
                        assertTrue(v.verify(sig), "thread " + thread + " signature " + i);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightThreadsShareOneKeyLoadedOnce() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("EC", provider).generateKeyPair();
        WIRE.get().reset();
        signConcurrently(List.of(kp));
        CountingTransport wire = WIRE.get();
        assertEquals(1, wire.count(TpmCc.Load), wire.counts().toString());
        // one TPM2_Sign per signature; the pipeline re-sends a command the TPM answered with TPM_RC_RETRY, YIELDED
        // or TESTING (RetryPolicy), and a run was seen with one such re-send, so a few more may cross the wire
        int signs = wire.count(TpmCc.Sign);
        assertTrue(signs >= THREADS * SIGNATURES && signs <= THREADS * SIGNATURES + 8, wire.counts().toString());
        assertEquals(signs + 1, wire.count(), "nothing but one Load and the Signs: " + wire.counts());
    }

    @Test
    void moreKeysThanSlotsAreFlushedAndReloaded() throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < TpmKeyService.MAX_LOADED + 2; i++) {
            keys.add(KeyPairGenerator.getInstance("EC", provider).generateKeyPair());
        }
        WIRE.get().reset();
        signConcurrently(keys);
        CountingTransport wire = WIRE.get();
        assertTrue(wire.count(TpmCc.Sign) >= THREADS * SIGNATURES, wire.counts().toString());
        assertTrue(wire.count(TpmCc.Load) > keys.size(), "keys were evicted and reloaded: " + wire.counts());
        assertTrue(wire.count(TpmCc.FlushContext) >= wire.count(TpmCc.Load) - TpmKeyService.MAX_LOADED,
                wire.counts().toString());
    }
}

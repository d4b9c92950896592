package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.simulator.Swtpm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzer-chosen secrets (1–32 bytes) through software MakeCredential and swtpm's ActivateCredential, RSA 2048 and
 * ECC P-256 EKs. Bounded: the regression run replays the committed corpus (a handful of inputs, each a few TPM
 * key creations); the coverage-guided run is bounded by {@code -Dtpm2j.fuzz.seconds}.
 */
class ActivationFuzzTest {
    static Swtpm sim;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @FuzzTest
    void secretsRoundTrip(FuzzedDataProvider d) {
        // swtpm listens on loopback; Jazzer's SSRF detector would otherwise report the connection as a finding
        SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) ->
                host.equals("localhost") || host.equals("127.0.0.1"));
        try {
            boolean ecc = d.consumeBoolean();
            byte[] secret = d.consumeBytes(d.consumeInt(1, 32));
            if (secret.length == 0) {
                secret = new byte[] {0};
            }
            try (Tpm tpm = sim.openTpm()) {
                assertArrayEquals(secret, ActivationSwtpmTest.roundTrip(tpm, ecc ? EkTemplates.L2_ECC_P256
                        : EkTemplates.L1_RSA2048, secret));
            }
        } finally {
            loopback.close();
        }
    }
}

package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.simulator.Swtpm;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random secrets through software MakeCredential and the TPM's ActivateCredential, RSA and ECC EKs. */
class ActivationProperties {
    static Swtpm sim;

    @BeforeContainer
    static void start() {
        sim = Swtpm.start();
    }

    @AfterContainer
    static void stop() {
        sim.close();
    }

    @Property(tries = 25)
    void randomSecretsRoundTrip(@ForAll @Size(min = 1, max = 32) byte[] secret, @ForAll boolean ecc) {
        try (Tpm tpm = sim.openTpm()) {
            assertArrayEquals(secret, ActivationSwtpmTest.roundTrip(tpm, ecc ? EkTemplates.L2_ECC_P256
                    : EkTemplates.L1_RSA2048, secret));
        }
    }
}

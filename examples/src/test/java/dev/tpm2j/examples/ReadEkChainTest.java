package dev.tpm2j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.TpmTrust;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import org.junit.jupiter.api.Test;

class ReadEkChainTest {
    @Test
    void printsTheOnTpmChainAndTheVerdict() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            String text = ReadEkChain.run(tpm, sim.provisioned().rootPem(), sim.provisioned().intermediatesPem());
            assertTrue(text.contains("3 certificate(s)"), text);
            assertTrue(text.contains("nv:0x01c00100+0x01c00101"), text);
            assertTrue(text.contains("\ntrusted: chains to"), text);
            assertTrue(text.contains("trust: the shipped TPM trust bundle " + TpmTrust.version() + " + anchors from "),
                    text);
        }
    }

    @Test
    void withoutAnchorsItUsesTheShippedBundleSaysSoAndReportsTheUntrustedChainWithoutAStackTrace() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            // The simulator's CA is in no shipped bundle: the chain is not trusted, and the example says why.
            String text = ReadEkChain.run(tpm, null, null);
            assertTrue(text.contains("trust: the shipped TPM trust bundle " + TpmTrust.version() + "\n"), text);
            assertTrue(text.contains("3 certificate(s)"), text);
            assertFalse(text.contains("\ntrusted: chains to"), text);
            assertTrue(text.contains("\nAIK service: none ("), text);
        }
    }
}

package dev.tpm2j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
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
        }
    }
}

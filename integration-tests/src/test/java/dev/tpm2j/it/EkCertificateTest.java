package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.FreshSimulator;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// --- begin README example junit
@ExtendWith(SwtpmExtension.class)
class EkCertificateTest {
    @Test
    void readsTheRsaEkCertificate(Tpm tpm) {
        byte[] der = tpm.nvRead(0x01C00002);
        assertEquals(0x30, der[0] & 0xFF, "a DER SEQUENCE");
    }

    @Test
    @FreshSimulator
    void startsFromAFreshTpm(Swtpm sim, Tpm tpm) {
        assertTrue(sim.isRunning());
        assertEquals(16, tpm.getRandom(16).length);
    }
}
// --- end README example junit

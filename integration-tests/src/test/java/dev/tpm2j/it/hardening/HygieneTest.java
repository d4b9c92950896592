package dev.tpm2j.it.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inventory and activation cycles leave nothing behind, on success and on every failure path. */
class HygieneTest {

    static List<Integer> transients(Tpm tpm) {
        return tpm.getHandles(0x80000000);
    }

    static List<Integer> sessions(Tpm tpm) {
        List<Integer> s = new java.util.ArrayList<>(tpm.getHandles(0x02000000));
        s.addAll(tpm.getHandles(0x03000000));
        return s;
    }

    @Test
    void fiveHundredInventoryAndActivationCycles() {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            List<Integer> t0 = transients(tpm);
            List<Integer> s0 = sessions(tpm);
            for (int i = 0; i < 500; i++) {
                EkInventory inv = EkInventory.read(tpm);
                EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
                CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
                AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
                try {
                    byte[] secret = new byte[32];
                    secret[0] = (byte) i;
                    assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                            ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(),
                            CredentialProtection.make(ekKey.outPublic(), ak.name(), secret)));
                } finally {
                    tpm.flushContext(ak.handle());
                    tpm.flushContext(ekKey.objectHandle());
                }
            }
            assertEquals(t0, transients(tpm));
            assertEquals(s0, sessions(tpm));
        }
    }

    @Test
    void everyFailingStepOfAnActivationFlushesWhatItCreated() {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            FailingTransport faulty = new FailingTransport(sim.transport());
            try (Tpm tpm = Tpm.open(faulty)) {
                CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(),
                        dev.tpm2j.core.templates.EkTemplates.H2_ECC_P256);
                AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
                List<Integer> t0 = transients(tpm);
                List<Integer> s0 = sessions(tpm);
                CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(), new byte[8]);
                // warm-up: the AK's first use after startup answers TPM_RC_RETRY once (DA state is written to NV)
                AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(), ek.objectHandle(), ek.outPublic(),
                        Authorization.endorsement(), c);
                // PolicyB EK: StartAuthSession, PolicySecret, PolicyOR, ActivateCredential — fail each in turn
                for (int step = 0; step < 4; step++) {
                    for (boolean tpmError : new boolean[] {false, true}) {
                        faulty.failNth(step, tpmError);
                        assertThrows(TpmException.class, () -> AikActivation.activate(tpm, ak.handle(),
                                PasswordSession.empty(), ek.objectHandle(), ek.outPublic(), Authorization.endorsement(),
                                c));
                        assertEquals(t0, transients(tpm), "step " + step);
                        assertEquals(s0, sessions(tpm), "no session left after a failure at step " + step);
                    }
                }
                assertArrayEquals(new byte[8], AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c), "still works");
                tpm.flushContext(ak.handle());
                tpm.flushContext(ek.objectHandle());
            }
        }
    }
}

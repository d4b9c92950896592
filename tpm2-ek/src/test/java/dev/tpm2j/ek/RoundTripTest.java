package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact number of TPM commands the main operations cost — the physical limit on a real TPM's bus. */
class RoundTripTest {

    @Test
    void ekInventoryAndChainCostExactlyTheMinimumPlusTheDocumentedExtras() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            int persistent;
            int nvBufferMax;
            Map<Integer, Integer> sizes = new java.util.TreeMap<>();
            try (Tpm probe = sim.openTpm()) {
                persistent = probe.getHandles(0x81010000, 0x810100FF).size();
                nvBufferMax = probe.nvBufferMax();
                for (int i : probe.getHandles(EkInventory.FIRST, EkInventory.LAST)) {
                    if (!EkInventory.classify(i).readByInventory()) {
                        continue; // platform certificates are listed, not read
                    }
                    sizes.put(i, probe.nvReadPublic(i).nvPublic().dataSize());
                }
            }
            CountingTransport counter = new CountingTransport(sim.transport());
            try (Tpm tpm = Tpm.open(counter)) {
                EkInventory inv = EkInventory.read(tpm);
                EkChain.Result chain = inv.verifyChain(inv.primaryEkCertificate().orElseThrow(),
                        TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                                .withIntermediatesFrom(sim.provisioned().intermediatesPem()), List.of(), Instant.now(),
                        null);
                assertEquals(true, chain.trusted());

                int reads = sizes.values().stream().mapToInt(s -> (s + nvBufferMax - 1) / nvBufferMax).sum();
                int ekCerts = inv.ekCertificates().size();
                assertEquals(2, ekCerts);
                // the minimum: fixed properties (1 page, answers NV_BUFFER_MAX too) + handle pages (1) +
                // one NV_ReadPublic per index + ⌈size ÷ NV_BUFFER_MAX⌉ NV_Read per index
                int minimum = 1 + 1 + sizes.size() + reads;
                // documented extras: the persistent EK scan (it answers for the RSA certificate), and CreatePrimary +
                // FlushContext for the L-2 ECC certificate, whose EK is not persistent
                int extras = 1 + persistent + 2;
                assertEquals(Map.of("TPM2_CreatePrimary", 1, "TPM2_FlushContext", 1, "TPM2_GetCapability", 3,
                        "TPM2_NV_Read", reads, "TPM2_NV_ReadPublic", sizes.size(), "TPM2_ReadPublic", persistent),
                        counter.counts());
                assertEquals(minimum + extras, counter.count());

                // reading a chain index again: NV_BUFFER_MAX is cached; the public area is read again, because the
                // index is not write-locked (as on real TPMs) and may have changed
                counter.reset();
                tpm.nvRead(0x01C00100);
                assertEquals(List.of("TPM2_NV_ReadPublic", "TPM2_NV_Read"), counter.commands(),
                        "NV_BUFFER_MAX cached, the public area of an unlocked index not");
            }
        }
    }

    @Test
    void oneActivationIsThreeCommandsForPolicyAAndFourForPolicyB() {
        try (Swtpm sim = Swtpm.start()) {
            for (TpmtPublic template : new TpmtPublic[] {EkTemplates.L2_ECC_P256, EkTemplates.H3_ECC_P384}) {
                CountingTransport counter = new CountingTransport(sim.transport());
                try (Tpm tpm = Tpm.open(counter)) {
                    CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), template);
                    AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(),
                            KeyTemplates.AK_ECC_P256);
                    try {
                        byte[] secret = new byte[32];
                        CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(),
                                secret);
                        // The first authorization of a dictionary-attack-protected object after startup makes the
                        // TPM answer TPM_RC_RETRY once (it records "DA used" in NV); warm that up before counting.
                        AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(), ek.objectHandle(),
                                ek.outPublic(), Authorization.endorsement(), c);
                        counter.reset();
                        assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                                ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c));
                        boolean policyB = template == EkTemplates.H3_ECC_P384;
                        // StartAuthSession (salted to the EK), PolicySecret, [PolicyOR], ActivateCredential; the
                        // TPM ends the session itself (continueSession clear), so no FlushContext
                        assertEquals(policyB ? List.of("TPM2_StartAuthSession", "TPM2_PolicySecret", "TPM2_PolicyOR",
                                "TPM2_ActivateCredential") : List.of("TPM2_StartAuthSession", "TPM2_PolicySecret",
                                "TPM2_ActivateCredential"), counter.commands());
                        assertEquals(List.of(), tpm.getHandles(0x03000000), "the session is gone all the same");
                        assertEquals(0, counter.count(TpmCc.FlushContext));
                    } finally {
                        tpm.flushQuietly(ak.handle());
                        tpm.flushQuietly(ek.objectHandle());
                    }
                }
            }
        }
    }
}

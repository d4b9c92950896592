package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inventory + chain on each simulator profile, every TPM command accounted for: persistent EKs answer "is the
 * certified key this TPM's EK?" (one GetCapability and one ReadPublic each); CreatePrimary + FlushContext only for a
 * certificate no persistent EK holds.
 */
class EkMatchRoundTripTest {

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"BARE", "INTEL_ODCA", "DISCRETE"})
    void inventoryAndChainUsePersistentEksFirst(Profile profile) throws Exception {
        try (Swtpm sim = Swtpm.start(profile)) {
            int persistent;
            int indices;
            int reads = 0;
            try (Tpm probe = sim.openTpm()) {
                persistent = probe.getHandles(0x81010000, 0x810100FF).size();
                List<Integer> nv = probe.getHandles(EkInventory.FIRST, EkInventory.LAST).stream()
                        .filter(i -> EkInventory.classify(i).readByInventory()).toList();
                indices = nv.size();
                int buf = probe.nvBufferMax();
                for (int i : nv) {
                    reads += (probe.nvReadPublic(i).nvPublic().dataSize() + buf - 1) / buf;
                }
            }
            // swtpm_setup persists an RSA EK (0x81010001) and a P-384 EK and certifies both; intel-odca replaces the
            // P-384 certificate with an L-2 ECC P-256 one whose EK is not persistent; discrete keeps the RSA one only
            int recreated = profile == Profile.INTEL_ODCA ? 1 : 0;
            int certificates = profile == Profile.DISCRETE ? 1 : 2;
            CountingTransport counter = new CountingTransport(sim.transport());
            try (Tpm tpm = Tpm.open(counter)) {
                EkInventory inv = EkInventory.read(tpm);
                EkChain.Result chain = inv.verifyChain(inv.primaryEkCertificate().orElseThrow(), trust(sim), List.of(),
                        Instant.now(), null);
                assertEquals(profile != Profile.BARE, chain.trusted(), chain.problems().toString());

                assertEquals(certificates, inv.ekCertificates().size());
                int viaPersistent = 0;
                for (EkInventory.EkCertificate e : inv.ekCertificates()) {
                    EkMatch.Matches m = assertInstanceOf(EkMatch.Matches.class, e.match(), e.matchReason());
                    if (m.persistent()) {
                        viaPersistent++;
                        assertTrue(e.matchReason().startsWith("the certificate's key is the persistent EK at 0x8101"),
                                e.matchReason());
                    } else {
                        assertTrue(e.matchReason().endsWith("(no persistent EK holds it)"), e.matchReason());
                    }
                }
                assertEquals(certificates - recreated, viaPersistent);
                // NV: only the EK certificate, nonce, template and chain indices are read (not platform certificates)
                Map<String, Integer> expected = new TreeMap<>(Map.of("TPM2_GetCapability", 3,
                        "TPM2_NV_ReadPublic", indices, "TPM2_NV_Read", reads, "TPM2_ReadPublic", persistent));
                if (recreated > 0) {
                    expected.put("TPM2_CreatePrimary", recreated);
                    expected.put("TPM2_FlushContext", recreated);
                }
                assertEquals(expected, new TreeMap<>(counter.counts()));
                if (profile == Profile.BARE) {
                    // the plain swtpm of issue 15: 13 commands before, 9 now, no CreatePrimary
                    assertEquals(2, persistent);
                    assertEquals(9, counter.count());
                }
            }
        }
    }

    /** The profile's root and intermediates; for the bare profile (swtpm's own CA, not exported) an empty bundle. */
    static TrustBundle trust(Swtpm sim) throws java.io.IOException {
        if (sim.provisioned().rootPem() == null) {
            return TrustBundle.empty();
        }
        return TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                .withIntermediatesFrom(sim.provisioned().intermediatesPem());
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"BARE"})
    void withoutPersistentEksTheEkIsRecreatedAndTheInventorySaysSo(Profile profile) throws Exception {
        try (Swtpm sim = Swtpm.start(profile)) {
            try (Tpm setup = sim.openTpm()) {
                for (int h : setup.getHandles(0x81010000, 0x810100FF)) {
                    setup.evictControl(Authorization.owner(), h, h);
                }
            }
            CountingTransport counter = new CountingTransport(sim.transport());
            try (Tpm tpm = Tpm.open(counter)) {
                EkInventory inv = EkInventory.read(tpm);
                for (EkInventory.EkCertificate e : inv.ekCertificates()) {
                    EkMatch.Matches m = assertInstanceOf(EkMatch.Matches.class, e.match(), e.matchReason());
                    assertEquals(0, m.persistentHandle());
                    assertTrue(e.matchReason().startsWith("the certificate's key is the EK created from the default "
                            + "template"), e.matchReason());
                }
                assertEquals(2, counter.count(dev.tpm2j.core.types.TpmCc.CreatePrimary));
                assertEquals(2, counter.count(dev.tpm2j.core.types.TpmCc.FlushContext));
                assertEquals(0, counter.count(dev.tpm2j.core.types.TpmCc.ReadPublic));
            }
        }
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many TPM commands `tpm2j diagnose` costs, each one accounted for. */
class DiagnoseRoundTripTest {
    @Test
    void diagnoseCommandCount() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            int indices;
            int persistent;
            int reads;
            try (Tpm probe = sim.openTpm()) {
                List<Integer> nv = probe.getHandles(0x01C00000, 0x01C0FFFF).stream()
                        .filter(i -> dev.tpm2j.ek.EkInventory.classify(i).readByInventory()).toList(); // not platform certs
                indices = nv.size();
                persistent = probe.getHandles(0x81010000, 0x810100FF).size();
                int buf = probe.nvBufferMax();
                int r = 0;
                for (int i : nv) {
                    r += (probe.nvReadPublic(i).nvPublic().dataSize() + buf - 1) / buf;
                }
                reads = r;
            }
            List<String> a = new ArrayList<>(CliTest.args(sim, "diagnose", "--reference-time",
                    Instant.now().toString()));
            a.addAll(CliTest.trust(sim));
            Map<String, Integer> counts = count(a);
            // GetCapability: fixed properties (1), EK-range handles (1), persistent handles (1)
            // NV_ReadPublic / NV_Read: each EK-range index once, in NV_BUFFER_MAX chunks
            // CreatePrimary: the L-2 ECC certificate's EK, which is not persistent (the RSA one is: swtpm_setup's
            //   0x81010001 answers, and the trial activation uses it too) + the trial AK's SRK (2)
            // FlushContext: that EK + SRK + AK (3)
            // Create + Load: the trial AK; StartAuthSession + PolicySecret + ActivateCredential: the trial activation
            //   (the DA-protected AK's first use answers TPM_RC_RETRY once, retried: ActivateCredential 2)
            // ReadPublic: one per persistent handle, and one for the persistent EK's name when the trial activation
            //   binds its session to it (cheaper than CreatePrimary + FlushContext, and no key generation)
            Map<String, Integer> expected = new java.util.TreeMap<>(Map.of("TPM2_GetCapability", 3,
                    "TPM2_NV_ReadPublic", indices, "TPM2_NV_Read", reads, "TPM2_CreatePrimary", 2,
                    "TPM2_FlushContext", 3, "TPM2_Create", 1, "TPM2_Load", 1, "TPM2_StartAuthSession", 1,
                    "TPM2_PolicySecret", 1, "TPM2_ActivateCredential", 2));
            expected.put("TPM2_ReadPublic", persistent + 1);
            assertEquals(expected, counts);

            // --only ek-cert: the tpm20 probe and the EK inventory, nothing else — no trial activation
            // GetCapability: fixed properties, EK-range handles, persistent handles (3); the NV reads as above;
            // ReadPublic: one per persistent handle; CreatePrimary + FlushContext: the non-persistent ECC EK (1 each)
            a.addAll(List.of("--only", "ek-cert"));
            Map<String, Integer> only = count(a);
            Map<String, Integer> expectedOnly = new java.util.TreeMap<>(Map.of("TPM2_GetCapability", 3,
                    "TPM2_NV_ReadPublic", indices, "TPM2_NV_Read", reads, "TPM2_CreatePrimary", 1,
                    "TPM2_FlushContext", 1, "TPM2_ReadPublic", persistent));
            assertEquals(expectedOnly, only);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int totalOnly = only.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(totalOnly < total, totalOnly + " round trips for --only ek-cert, " + total + " for all");
        }
    }

    /** Runs the CLI with a CountingTransport around its one TPM connection and returns the command counts. */
    private static Map<String, Integer> count(List<String> args) {
        List<CountingTransport> counters = new ArrayList<>();
        Tpm2jCli.transportDecorator = t -> {
            CountingTransport c = new CountingTransport(t);
            counters.add(c);
            return c;
        };
        try {
            CliRunner.run(args.toArray(String[]::new));
        } finally {
            Tpm2jCli.transportDecorator = t -> t;
        }
        assertEquals(1, counters.size(), "one TPM connection");
        return counters.get(0).counts();
    }
}

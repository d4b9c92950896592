package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exact TPM command counts of {@code ek-chain}, {@code diagnose} and {@code enroll} on each simulator profile:
 * persistent EKs answer the EK match and serve the activation, so CreatePrimary is sent only for a certificate no
 * persistent EK holds (the intel-odca L-2 ECC one) and for the AK's SRK.
 */
class EkRoundTripCliTest {
    record Probe(int indices, int reads, int persistent) {
        static Probe of(Swtpm sim) {
            try (Tpm probe = sim.openTpm()) {
                List<Integer> nv = probe.getHandles(EkInventory.FIRST, EkInventory.LAST).stream()
                        .filter(i -> EkInventory.classify(i).readByInventory()).toList();
                int buf = probe.nvBufferMax();
                int reads = 0;
                for (int i : nv) {
                    reads += (probe.nvReadPublic(i).nvPublic().dataSize() + buf - 1) / buf;
                }
                return new Probe(nv.size(), reads, probe.getHandles(0x81010000, 0x810100FF).size());
            }
        }
    }

    static Map<String, Integer> run(Swtpm sim, String command, boolean trust) {
        List<CountingTransport> counters = new ArrayList<>();
        Tpm2jCli.transportDecorator = t -> {
            CountingTransport c = new CountingTransport(t);
            counters.add(c);
            return c;
        };
        try {
            List<String> a = new ArrayList<>(CliTest.args(sim, command));
            if (trust && sim.provisioned().rootPem() != null) {
                a.addAll(CliTest.trust(sim));
            }
            CliRunner.run(a.toArray(String[]::new));
        } finally {
            Tpm2jCli.transportDecorator = t -> t;
        }
        assertEquals(1, counters.size(), "one TPM connection");
        return new TreeMap<>(counters.get(0).counts());
    }

    static void add(Map<String, Integer> m, String command, int n) {
        if (n != 0) {
            m.merge(command, n, Integer::sum);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"BARE", "INTEL_ODCA", "DISCRETE"})
    void ekChainDiagnoseAndEnroll(Profile profile) {
        try (Swtpm sim = Swtpm.start(profile)) {
            Probe p = Probe.of(sim);
            // the inventory: fixed properties, EK-range handles, persistent handles (3 GetCapability); each EK
            // index's public area and contents; one ReadPublic per persistent EK; CreatePrimary + FlushContext only
            // for the intel-odca L-2 ECC certificate, whose EK swtpm_setup did not persist
            int recreated = profile == Profile.INTEL_ODCA ? 1 : 0;
            Map<String, Integer> inventory = new TreeMap<>();
            add(inventory, "TPM2_GetCapability", 3);
            add(inventory, "TPM2_NV_ReadPublic", p.indices());
            add(inventory, "TPM2_NV_Read", p.reads());
            add(inventory, "TPM2_ReadPublic", p.persistent());
            add(inventory, "TPM2_CreatePrimary", recreated);
            add(inventory, "TPM2_FlushContext", recreated);

            assertEquals(inventory, run(sim, "ek-chain", true));
            if (profile == Profile.BARE) {
                assertEquals(9, inventory.values().stream().mapToInt(Integer::intValue).sum(),
                        "issue 15: a plain swtpm with persistent EKs, at most 9 commands and no CreatePrimary");
            }

            // the AK under an SRK (CreatePrimary, Create, Load; both flushed), the EK's name for the salted session
            // (ReadPublic of the persistent EK), StartAuthSession + PolicySecret + ActivateCredential
            Map<String, Integer> activation = new TreeMap<>(inventory);
            add(activation, "TPM2_CreatePrimary", 1);
            add(activation, "TPM2_Create", 1);
            add(activation, "TPM2_Load", 1);
            add(activation, "TPM2_FlushContext", 2);
            add(activation, "TPM2_ReadPublic", 1);
            add(activation, "TPM2_StartAuthSession", 1);
            add(activation, "TPM2_PolicySecret", 1);
            Map<String, Integer> diagnose = new TreeMap<>(activation);
            // diagnose's trial activation is the AK's first use after start-up: the TPM answers TPM_RC_RETRY once
            add(diagnose, "TPM2_ActivateCredential", 2);
            assertEquals(diagnose, run(sim, "diagnose", true));

            Map<String, Integer> enroll = new TreeMap<>(activation);
            add(enroll, "TPM2_ActivateCredential", 1);
            if (profile == Profile.BARE) {
                // swtpm's own CA is not in any bundle: the reference CA refuses before a challenge is sent
                enroll = new TreeMap<>(inventory);
                add(enroll, "TPM2_CreatePrimary", 1);
                add(enroll, "TPM2_Create", 1);
                add(enroll, "TPM2_Load", 1);
                add(enroll, "TPM2_FlushContext", 2);
            }
            assertEquals(enroll, run(sim, "enroll", true));
        }
    }
}

package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's EK-chain example, compiled and run against a simulator provisioned like Intel PTT. */
class ReadEkChainExampleTest {

    static void printChainVerdict(Tpm tpm, Path roots, Path intermediates, PrintStream out) throws Exception {
        // --- begin README example ekchain
        TrustBundle trust = TrustBundle.empty().withAnchorsFrom(roots).withIntermediatesFrom(intermediates);
        EkInventory inventory = EkInventory.read(tpm);           // EK indices, the chain from 0x01C00100…, EKs recreated
        EkInventory.EkCertificate ek = inventory.primaryEkCertificate().orElseThrow();
        EkChain.Result chain = inventory.verifyChain(ek, trust, List.of(), Instant.now(), null);
        for (EkChain.Link link : chain.chain()) {
            out.println(link.source() + "  " + link.certificate().subject() + "  (" + link.verdict() + ")");
        }
        out.println(chain.verdict());
        AikServiceUrl aik = inventory.aikServiceUrl(chain);
        out.println("AIK service: " + aik.url() + (aik.differs() ? " (naive: " + aik.naiveUrl() + ")" : ""));
        // --- end README example ekchain
    }

    @Test
    void exampleReportsATrustedChainAndTheRightAikUrl() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            printChainVerdict(tpm, sim.provisioned().rootPem(), sim.provisioned().intermediatesPem(),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
            String text = buf.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("\ntrusted: chains to ") && text.contains("CN=Test OnDie CA Root Cert Signing"), text);
            assertTrue(text.contains("nv:0x01c00100+0x01c00101"), text);
            assertTrue(text.contains("(naive: https://ibm-keyid-"), text);
        }
    }
}

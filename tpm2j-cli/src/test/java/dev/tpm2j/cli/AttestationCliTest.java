package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import dev.tpm2j.simulator.Tpm2Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcrs, quote, verify-quote and eventlog in process: against a real swtpm (SHA-1 and SHA-256 banks), tpm2-tools'
 * view of the AK, and the real event logs in testdata; asserting the JSON contracts and the exit codes.
 */
class AttestationCliTest {
    static Path eventLog(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("testdata").resolve("eventlogs").resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new AssertionError("testdata/eventlogs/" + name + " not found");
    }

    @Test
    void pcrsQuoteAndVerifyQuoteAgainstSwtpm(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256"))) {
            try (Tpm tpm = sim.openTpm()) {
                CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
                Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                        PasswordSession.empty());
                Load.Response l = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                        PasswordSession.empty());
                tpm.execute(new EvictControl(TpmRh.OWNER, l.objectHandle(), 0x81010021), PasswordSession.empty());
                tpm.flushContext(l.objectHandle());
                tpm.flushContext(srk.objectHandle());
            }
            JsonNode pcrs = CliTest.cli(sim, "pcrs").json();
            assertEquals(24, pcrs.get("pcrs").get("sha256").size());
            assertEquals(24, pcrs.get("pcrs").get("sha1").size());
            assertEquals("0000000000000000000000000000000000000000000000000000000000000000",
                    pcrs.get("pcrs").get("sha256").get("0").asText());
            JsonNode only = CliTest.cli(sim, "pcrs", "--bank", "sha256").json();
            assertEquals(1, only.get("pcrs").size());

            Path msg = dir.resolve("q.msg");
            Path sig = dir.resolve("q.sig");
            Path vals = dir.resolve("q.json");
            CliRunner.Result q = CliTest.cli(sim, "quote", "--ak", "0x81010021", "--pcrs", "sha256:0,1,7+sha1:0",
                    "--nonce", "00112233445566778899", "--message", msg.toString(), "--signature", sig.toString(),
                    "--pcr-values", vals.toString());
            assertEquals(0, q.exit(), q.err());
            assertEquals(0xFF, Files.readAllBytes(msg)[0] & 0xFF, "TPMS_ATTEST starts with TPM_GENERATED");
            Path pem = dir.resolve("ak.pem");
            Tpm2Tools.run(sim, "tpm2_readpublic", "-c", "0x81010021", "-f", "pem", "-o", pem.toString());

            CliRunner.Result ok = CliRunner.run("verify-quote", "--json", "--ak-public", pem.toString(), "--message",
                    msg.toString(), "--signature", sig.toString(), "--pcr-values", vals.toString(), "--nonce",
                    "00112233445566778899");
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            JsonNode v = ok.json();
            assertTrue(v.get("valid").asBoolean());
            assertEquals("valid", v.get("verdict").asText());
            assertTrue(v.get("signatureValid").asBoolean());
            assertTrue(v.get("nonceMatches").asBoolean());
            assertTrue(v.get("pcrDigestMatches").asBoolean());
            assertEquals("[0,1,7]", v.get("pcrSelection").get("sha256").toString());

            CliRunner.Result stale = CliRunner.run("verify-quote", "--json", "--ak-public", pem.toString(),
                    "--message", msg.toString(), "--signature", sig.toString(), "--nonce", "ffff");
            assertEquals(1, stale.exit());
            assertEquals("nonce-mismatch", stale.json().get("verdict").asText());
            assertFalse(stale.json().get("nonceMatches").asBoolean());
            assertTrue(stale.json().get("pcrDigestMatches").isNull());

            String tampered = Files.readString(vals).replaceFirst("\"7\":\"[0-9a-f]{2}", "\"7\":\"ee");
            Files.writeString(dir.resolve("bad.json"), tampered);
            CliRunner.Result badPcr = CliRunner.run("verify-quote", "--json", "--ak-public", pem.toString(),
                    "--message", msg.toString(), "--signature", sig.toString(), "--pcr-values",
                    dir.resolve("bad.json").toString(), "--nonce", "00112233445566778899");
            assertEquals(1, badPcr.exit());
            assertEquals("pcr-digest-mismatch", badPcr.json().get("verdict").asText());
        }
    }

    @Test
    void eventlogReplaysComparesAndRefuses(@TempDir Path dir) throws Exception {
        Path log = eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin");
        CliRunner.Result r = CliRunner.run("eventlog", "--json", log.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.get("events").size() > 100);
        assertEquals("EV_NO_ACTION", doc.get("events").get(0).get("type").asText());
        assertEquals("0x24af52a4f429b71a3184a6d64cddad17e54ea030e2aa6576bf3a5a3d8bd3328f".substring(2),
                doc.get("pcrs").get("sha256").get("0").asText(), "tpm2_eventlog's PCR 0");
        assertTrue(doc.get("mismatch").isNull());

        // compare with values as pcrs --json would print them: equal, then one changed
        String values = "{\"pcrs\": {\"sha256\": " + doc.get("pcrs").get("sha256") + "}}";
        Files.writeString(dir.resolve("same.json"), values);
        assertEquals(0, CliRunner.run("eventlog", log.toString(), "--pcr-values",
                dir.resolve("same.json").toString()).exit());
        String changed = values.replace(doc.get("pcrs").get("sha256").get("4").asText(), "00".repeat(32));
        Files.writeString(dir.resolve("changed.json"), changed);
        CliRunner.Result m = CliRunner.run("eventlog", "--json", log.toString(), "--pcr-values",
                dir.resolve("changed.json").toString());
        assertEquals(1, m.exit());
        JsonNode mismatch = m.json().get("mismatch");
        assertEquals("sha256", mismatch.get("bank").asText());
        assertEquals(4, mismatch.get("pcr").asInt());
        assertEquals("00".repeat(32), mismatch.get("expected").asText());

        CliRunner.Result bad = CliRunner.run("eventlog", eventLog("short_no_action_eventlog.bin").toString());
        assertEquals(3, bad.exit());
        assertTrue(bad.err().contains("Spec ID"), bad.err());
        assertEquals(0, CliRunner.run("eventlog", eventLog("option_rom_eventlog.bin").toString()).exit());
    }

    /** A real Windows machine's log against its 24 quoted SHA-1 PCRs (17-22 all ones): no mismatch, exit 0. */
    @Test
    void eventlogMatchesARealWindowsQuoteOverAll24Pcrs() throws Exception {
        CliRunner.Result r = CliRunner.run("eventlog", "--json", eventLog("windows_gcp_shielded_vm_eventlog.bin")
                .toString(), "--pcr-values", eventLog("windows_gcp_shielded_vm.pcrs.json").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.json().get("mismatch").isNull(), r.out());
        assertTrue(r.json().get("unlogged").isNull(), r.out());
        assertTrue(r.json().has("notCompared") == false, r.out());
    }

    @Test
    void attestKeyIssuesACertificateWithTheChainedEkPolicy(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(dev.tpm2j.simulator.Profile.INTEL_ODCA)) {
            List<String> a = new java.util.ArrayList<>(CliTest.args(sim, "attest-key", "--key", "ecc", "--out",
                    dir.resolve("key.pem").toString()));
            a.addAll(CliTest.trust(sim));
            CliRunner.Result r = CliTest.cli(sim, a);
            assertEquals(0, r.exit(), r.err());
            assertEquals("1.3.6.1.4.1.311.21.31", r.json().get("issuancePolicy").asText());
            assertEquals("ChainedCertificate", r.json().get("ekTrust").asText());
            String text = Tpm2Tools.run(null, "openssl", "x509", "-in", dir.resolve("key.pem").toString(),
                    "-noout", "-text");
            assertTrue(text.contains("Policy: 1.3.6.1.4.1.311.21.31"), text);
            // without the trust anchors the EK is not trusted: refused
            CliRunner.Result refused = CliTest.cli(sim, "attest-key");
            assertEquals(1, refused.exit(), refused.out() + refused.err());
        }
    }

    @Test
    void helpDescribesDefaultsExitCodesAndAnExample() {
        for (String cmd : List.of("pcrs", "quote", "verify-quote", "eventlog", "attest-key")) {
            CliRunner.Result h = CliRunner.run(cmd, "--help");
            assertEquals(0, h.exit());
            assertTrue(h.out().contains("Exit codes:"), cmd + ": " + h.out());
            assertTrue(h.out().contains("Example: tpm2j " + cmd), cmd + ": " + h.out());
        }
    }
}

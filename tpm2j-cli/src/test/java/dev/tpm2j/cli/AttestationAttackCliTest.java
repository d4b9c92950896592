package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attestation commands used as an attacker (or a hurried admin) would: values beside the quoted ones, a quote of
 * a bank the TPM lacks, no nonce, a bad nonce, duplicate PCR keys, a real event log with rewritten EV_EFI_ACTION
 * text, an unparseable or oversized log with --json. Real quotes from swtpm, real logs from testdata.
 */
class AttestationAttackCliTest {
    private static final String NONCE = "00112233445566778899";
    static Swtpm sim;
    static Path dir;
    static Path pem;
    static Path msg;
    static Path sig;
    static Path vals;

    @BeforeAll
    static void quote(@TempDir Path tmp) throws Exception {
        dir = tmp;
        sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256"));
        try (Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                    PasswordSession.empty());
            Load.Response l = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                    PasswordSession.empty());
            tpm.execute(new EvictControl(TpmRh.OWNER, l.objectHandle(), 0x81010022), PasswordSession.empty());
            tpm.flushContext(l.objectHandle());
            tpm.flushContext(srk.objectHandle());
        }
        msg = dir.resolve("q.msg");
        sig = dir.resolve("q.sig");
        vals = dir.resolve("q.json");
        CliRunner.Result q = CliTest.cli(sim, "quote", "--ak", "0x81010022", "--pcrs", "sha256:0", "--nonce", NONCE,
                "--message", msg.toString(), "--signature", sig.toString(), "--pcr-values", vals.toString());
        assertEquals(0, q.exit(), q.err());
        pem = dir.resolve("ak.pem");
        Tpm2Tools.run(sim, "tpm2_readpublic", "-c", "0x81010022", "-f", "pem", "-o", pem.toString());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static CliRunner.Result verify(Path values, String... more) {
        String[] base = {"verify-quote", "--json", "--ak-public", pem.toString(), "--message", msg.toString(),
                "--signature", sig.toString(), "--pcr-values", values.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRunner.run(all);
    }

    @Test
    void aForgedPcr7BesideTheQuotedPcr0IsRefused() throws Exception {
        String superset = Files.readString(vals).replaceFirst("\\}\\s*\\}\\s*\\}\\s*$", ",\"7\":\""
                + "00".repeat(32) + "\"}}}");
        assertTrue(superset.contains("\"7\""), superset);
        Path f = dir.resolve("superset.json");
        Files.writeString(f, superset);
        CliRunner.Result r = verify(f, "--nonce", NONCE);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("pcr-not-quoted", r.json().get("verdict").asText());
        CliRunner.Result honest = verify(vals, "--nonce", NONCE);
        assertEquals(0, honest.exit(), honest.out() + honest.err());
        assertEquals(1, honest.json().get("quotedPcrs").get("sha256").size());
    }

    @Test
    void aQuoteOfABankTheTpmLacksFails() {
        CliRunner.Result q = CliTest.cli(sim, "quote", "--ak", "0x81010022", "--pcrs", "sha512:0,7", "--nonce",
                NONCE, "--message", dir.resolve("x.msg").toString(), "--signature", dir.resolve("x.sig").toString(),
                "--pcr-values", dir.resolve("x.json").toString());
        assertNotEquals(0, q.exit(), "a quote of nothing was reported as done");
        assertTrue(q.err().contains("sha512:0"), q.err());
    }

    @Test
    void withoutANonceTheVerdictIsNotValidUnlessWaived() {
        CliRunner.Result none = verify(vals);
        assertEquals(1, none.exit());
        assertEquals("nonce-not-checked", none.json().get("verdict").asText());
        CliRunner.Result waived = verify(vals, "--no-nonce");
        assertEquals(0, waived.exit(), waived.out() + waived.err());
        assertEquals(2, verify(vals, "--nonce", "xyz").exit(), "a bad hex nonce is a usage error");
        assertEquals(2, verify(vals, "--nonce", NONCE, "--no-nonce").exit());
    }

    @Test
    void aRequiredSelectionTheQuoteLacksIsRefused() {
        CliRunner.Result r = verify(vals, "--nonce", NONCE, "--pcrs", "sha256:0,7");
        assertEquals(1, r.exit());
        assertEquals("selection-not-covered", r.json().get("verdict").asText());
    }

    @Test
    void duplicatePcrKeysAreRefused() throws Exception {
        String one = Files.readString(vals);
        String value = one.replaceAll("(?s).*\"0\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        Path dupIndex = dir.resolve("dup-index.json");
        Files.writeString(dupIndex, "{\"pcrs\":{\"sha256\":{\"0\":\"" + value + "\",\"00\":\"" + value + "\"}}}");
        CliRunner.Result dup = verify(dupIndex, "--nonce", NONCE);
        assertEquals(3, dup.exit(), "a malformed input file"); // was 2 (usage) before typed input errors
        assertTrue(dup.err().contains("--pcr-values " + dupIndex), dup.err());
        Path dupBank = dir.resolve("dup-bank.json");
        Files.writeString(dupBank, "{\"pcrs\":{\"sha256\":{\"0\":\"" + value + "\"},\"SHA256\":{\"0\":\"" + value
                + "\"}}}");
        assertEquals(3, verify(dupBank, "--nonce", NONCE).exit());
    }

    @Test
    void tpm2QuoteValuesFilesAreRead() throws Exception {
        String hex = Files.readString(vals).replaceAll("(?s).*\"0\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        Path raw = dir.resolve("values.bin");
        Files.write(raw, java.util.HexFormat.of().parseHex(hex));
        CliRunner.Result r = verify(raw, "--nonce", NONCE);
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void rewrittenEfiActionTextInARealLogIsFlagged() throws Exception {
        byte[] log = Files.readAllBytes(AttestationCliTest.eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin"));
        byte[] from = "Calling EFI Application from Boot Option".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "Exit Boot Services Invocation from Shim!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(from.length, to.length);
        int at = indexOf(log, from);
        assertTrue(at > 0, "the real log has the EV_EFI_ACTION text");
        System.arraycopy(to, 0, log, at, to.length);
        Path forged = dir.resolve("forged.bin");
        Files.write(forged, log);
        CliRunner.Result r = CliRunner.run("eventlog", forged.toString());
        assertEquals(0, r.exit(), r.err());
        String line = r.out().lines().filter(l -> l.contains("Exit Boot Services Invocation from Shim!")).findFirst()
                .orElseThrow();
        assertTrue(line.contains(EventLogCommand.FORGED), line);
        long flagged = r.out().lines().filter(l -> l.contains(EventLogCommand.FORGED)).count();
        assertEquals(1, flagged, "only the rewritten event is flagged");
        JsonNode json = CliRunner.run("eventlog", "--json", forged.toString()).json();
        boolean any = false;
        for (JsonNode e : json.get("events")) {
            any |= e.get("dataForged").asBoolean();
        }
        assertTrue(any);
    }

    @Test
    void anUnparseableOrOversizedLogAnswersInJson() throws Exception {
        Path bad = AttestationCliTest.eventLog("short_no_action_eventlog.bin");
        CliRunner.Result r = CliRunner.run("eventlog", "--json", bad.toString());
        assertEquals(3, r.exit());
        assertTrue(r.json().get("error").get("message").asText().contains("Spec ID"), r.out());
        Path real = AttestationCliTest.eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin");
        CliRunner.Result big = CliRunner.run("eventlog", "--json", "--max-size", "1000", real.toString());
        assertEquals(3, big.exit());
        assertTrue(big.json().get("error").get("message").asText().contains("--max-size"), big.out());
    }

    @Test
    void secureBootIsJudgedOnlyAgainstGivenValues() throws Exception {
        Path real = AttestationCliTest.eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin");
        JsonNode alone = CliRunner.run("eventlog", "--json", real.toString()).json();
        assertEquals("Unverified", alone.get("secureBoot").asText());
        Path values = dir.resolve("replayed.json");
        Files.writeString(values, "{\"pcrs\": {\"sha256\": " + alone.get("pcrs").get("sha256") + "}}");
        JsonNode against = CliRunner.run("eventlog", "--json", real.toString(), "--pcr-values", values.toString())
                .json();
        assertEquals("Disabled", against.get("secureBoot").asText());
        assertFalse(against.get("secureBootReason") != null && !against.get("secureBootReason").isNull());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

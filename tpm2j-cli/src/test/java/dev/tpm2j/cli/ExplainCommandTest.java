package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.diagnose.explain.Check;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tpm2j explain} and {@code tpm2j rc} in process: the symptoms of the issue, the exact JSON shape, exit codes,
 * no {@code --tpm}, {@code --logs} on the synthetic MDMDiagnosticsTool folders, and every {@code diagnose --only} id
 * that explain prints is one that {@code diagnose} really reports against a simulator.
 */
class ExplainCommandTest {

    static final List<String> SYMPTOMS = List.of("0x800705B4", "0x801C0003", "0x80092009", "0x800B0101",
            "0x80072EE2", "0x81039001", "0x81039024", "event 302", "event 156", "-NoValidEkCert");

    static Path fixtures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("mdm-diagnostics");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        return fail("testdata/mdm-diagnostics was not found");
    }

    static JsonNode explain(String... words) {
        List<String> a = new ArrayList<>(List.of("--json", "explain"));
        if (words.length > 0 && words[0].startsWith("-") && !words[0].equals("--logs")) {
            a.add("--");
        }
        a.addAll(List.of(words));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exit(), String.join(" ", words) + ": " + r.out() + r.err());
        return r.json();
    }

    @Test
    void everySymptomNamesItsTpmCausesWithTheCheckForEach() {
        Set<String> diagnoseIds = new HashSet<>();
        for (String s : SYMPTOMS) {
            JsonNode j = s.startsWith("event") ? explain(s.split(" ")) : explain(s);
            List<String> fields = new ArrayList<>();
            j.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("input", "kind", "code", "name", "summary", "causes"), fields);
            assertFalse(j.get("summary").asText().isBlank());
            int tpmCauses = 0;
            for (JsonNode c : j.get("causes")) {
                List<String> cf = new ArrayList<>();
                c.fieldNames().forEachRemaining(cf::add);
                assertEquals(List.of("rank", "id", "cause", "tpm", "check", "lookAt", "score", "why"), cf);
                assertTrue(c.get("tpm").isBoolean());
                assertTrue(c.get("why").isArray() && c.get("why").size() > 0, s + ": no reason for " + c);
                assertTrue(c.get("check").isTextual() != c.get("lookAt").isTextual(), s + ": check xor lookAt: " + c);
                if (c.get("tpm").asBoolean()) {
                    tpmCauses++;
                }
                if (c.get("check").isTextual()) {
                    String check = c.get("check").asText();
                    assertTrue(check.matches("tpm2j (diagnose --only [a-z0-9-]+|ek-chain|aik-url|rc 0x[0-9a-f]{8})"),
                            check);
                    Matcher m = Pattern.compile("--only (\\S+)").matcher(check);
                    if (m.find()) {
                        diagnoseIds.add(m.group(1));
                    }
                }
            }
            assertTrue(tpmCauses > 0, s + " names no TPM cause");
            if (s.startsWith("0x")) {
                assertEquals(s.toLowerCase(), j.get("code").asText());
            } else {
                assertTrue(j.get("code").isNull());
            }
        }
        assertEquals("hresult", explain("0x800B0101").get("kind").asText());
        assertEquals("CERT_E_EXPIRED", explain("0x800B0101").get("name").asText());
        assertEquals("event", explain("event", "302").get("kind").asText());
        assertTrue(explain("event", "302").get("name").isNull());

        // every diagnose id explain refers to is one diagnose reports
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            JsonNode d = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--offline").json();
            Set<String> reported = new HashSet<>();
            for (JsonNode c : d.get("checks")) {
                reported.add(c.get("id").asText());
            }
            assertTrue(reported.containsAll(diagnoseIds), diagnoseIds + " not all in " + reported);
        }
    }

    /** Every id explain can print in {@code tpm2j diagnose --only ID} runs alone and reports exactly that check. */
    @Test
    void everyOnlyIdExplainCanPrintRunsExactlyThatCheck() {
        List<String> ids = new ArrayList<>();
        for (Check.DiagnoseCheck c : Check.DiagnoseCheck.values()) {
            ids.add(c.id());
        }
        assertTrue(ids.contains("autopilot-events") && ids.contains("tpm20"), ids.toString());
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            for (String id : ids) {
                String command = new Check.Diagnose(Check.DiagnoseCheck.valueOf(id.toUpperCase(java.util.Locale.ROOT)
                        .replace('-', '_'))).command().orElseThrow();
                assertEquals("tpm2j diagnose --only " + id, command);
                CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--offline",
                        "--only", id);
                JsonNode checks = r.json().get("checks");
                assertEquals(1, checks.size(), id + ": " + r.out());
                assertEquals(id, checks.get(0).get("id").asText());
                String status = checks.get(0).get("status").asText();
                assertTrue(List.of("pass", "warn", "fail", "n/a", "not-checked").contains(status), status);
                assertEquals(status.equals("fail") || status.equals("not-checked") ? 1 : 0, r.exit(), id + ": " + r.out());
            }
            JsonNode two = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--offline", "--only",
                    "roca,ek-cert").json();
            assertEquals("ek-cert", two.get("checks").get(0).get("id").asText(), "report order, not option order");
            assertEquals("roca", two.get("checks").get(1).get("id").asText());
            assertEquals(2, two.get("checks").size());

            CliRunner.Result text = CliRunner.run("--tpm", sim.tpmSpec(), "diagnose", "--only", "autopilot-events");
            assertEquals(0, text.exit(), text.out() + text.err());
            assertTrue(text.out().startsWith("N/A   autopilot-events not on Windows"), text.out());
            assertTrue(text.out().strip().endsWith("ready for attestation"), text.out());
        }
        CliRunner.Result unknown = CliRunner.run("--tpm", "swtpm:host=127.0.0.1,port=1", "diagnose", "--only",
                "ek-cert,clock");
        assertEquals(2, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("unknown check id clock; valid ids: tpm20, ek-cert, ek-match, ek-chain, "
                + "aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events"), unknown.err());
    }

    @Test
    void textOutputAndExitCodes() {
        CliRunner.Result r = CliRunner.run("explain", "0x80092009");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("0x80092009  CRYPT_E_NO_MATCH  [hresult]"), r.out());
        assertTrue(r.out().contains("check: tpm2j aik-url"), r.out());
        CliRunner.Result timeout = CliRunner.run("explain", "0x800705B4");
        assertTrue(timeout.out().contains("  other  "), "0x800705B4 is often not the TPM: " + timeout.out());
        assertTrue(timeout.out().contains("(not a tpm2j check)"));

        CliRunner.Result unknown = CliRunner.run("--json", "explain", "0x80070005");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.json().get("kind").isNull());
        assertEquals(0, unknown.json().get("causes").size());
        assertEquals(1, CliRunner.run("explain", "what", "is", "this").exit());
        assertEquals(2, CliRunner.run("explain").exit(), "nothing to explain is a usage error");

        JsonNode tcti = explain("0x000A000B");
        assertEquals("tss2-rc", tcti.get("kind").asText());
        assertEquals("TSS2_BASE_RC_BAD_VALUE", tcti.get("name").asText());
        JsonNode tpm20e = explain("0x8028008E");
        assertEquals("TPM_20_E_AUTH_FAIL", tpm20e.get("name").asText(), "the name winerror.h gives it");
        assertTrue(tpm20e.get("summary").asText().contains("TPM_RC_AUTH_FAIL"), tpm20e.toString());
        JsonNode line = explain("AutopilotManager device enrollment failed during stage AADEnroll with error 0x801C0003");
        assertEquals("log-line", line.get("kind").asText());
        assertEquals("0x801c0003", line.get("code").asText());
    }

    @Test
    void neitherRcNorExplainOffersTpm() {
        for (String cmd : List.of("rc", "explain")) {
            CliRunner.Result help = CliRunner.run(cmd, "--help");
            assertEquals(0, help.exit());
            assertFalse(help.out().contains("--tpm"), cmd + " --help offers --tpm: " + help.out());
            CliRunner.Result withTpm = CliRunner.run(cmd, "--tpm", "sim", "0x9a2");
            assertEquals(2, withTpm.exit(), cmd + " accepted --tpm");
        }
        String rcHelp = CliRunner.run("rc", "--help").out();
        assertTrue(rcHelp.contains("Exit codes:") && rcHelp.contains("tpm2j rc 0x9a2") && rcHelp.contains("CODE"),
                rcHelp);
        // other commands still have it
        assertTrue(CliRunner.run("info", "--help").out().contains("--tpm"));
    }

    @Test
    void rcDecodesLayersAndWindowsCodes() {
        JsonNode rc = CliRunner.run("--json", "rc", "0x000b098e").json();
        assertEquals("TPM_RC_AUTH_FAIL", rc.get("name").asText());
        assertEquals("rmt", rc.get("layer").asText());
        assertEquals(1, rc.get("session").asInt());
        JsonNode p12 = CliRunner.run("--json", "rc", "0xcd2").json();
        assertEquals(12, p12.get("parameter").asInt(), "four parameter bits, as the spec says");
        assertEquals("TPMAPI_E_ACCESS_DENIED", CliRunner.run("--json", "rc", "0x80290108").json().get("name").asText());
        assertTrue(CliRunner.run("rc", "0x000a000b").out().startsWith("tcti: TSS2_BASE_RC_BAD_VALUE"));
    }

    @Test
    void logsOnTheFixtureFolders() {
        JsonNode utf16 = explain("--logs", fixtures().resolve("utf16-no-ek-cert").toString());
        assertEquals(2, utf16.get("filesRead").asInt());
        Set<String> names = new HashSet<>();
        for (Iterator<JsonNode> it = utf16.get("findings").elements(); it.hasNext(); ) {
            JsonNode f = it.next();
            if (f.get("type").asText().equals("explained")) {
                names.add(f.get("name").isNull() ? f.get("kind").asText() : f.get("name").asText());
            }
        }
        assertTrue(names.contains("NoValidEkCert") && names.contains("event"), names.toString());

        JsonNode utf8 = explain("--logs", fixtures().resolve("utf8-wrong-aik-url").toString());
        boolean url = false;
        for (JsonNode f : utf8.get("findings")) {
            url |= f.get("type").asText().equals("aik-url") && f.get("url").asText().startsWith("https://intc-keyid-");
        }
        assertTrue(url, utf8.toString());

        CliRunner.Result garbage = CliRunner.run("--json", "explain", "--logs", fixtures().resolve("garbage").toString());
        assertEquals(1, garbage.exit(), "nothing recognised in garbage: " + garbage.out() + garbage.err());
        assertEquals(5, garbage.json().get("filesRead").asInt());
        CliRunner.Result text = CliRunner.run("explain", "--logs", fixtures().resolve("utf8-clock").toString());
        assertEquals(0, text.exit());
        assertTrue(text.out().contains("AIK URL used: https://amd-keyid-") && text.out().contains("clock-skew"),
                text.out());
        CliRunner.Result missing = CliRunner.run("explain", "--logs", fixtures().resolve("nope").toString());
        assertEquals(3, missing.exit(), "a missing input folder is an I/O error");
        assertEquals("tpm2j: --logs " + fixtures().resolve("nope") + ": no such directory", missing.err().strip());
    }

    @Test
    void aPastedBlockIsRankedAsAWholeAndTheJsonSaysWhy() {
        JsonNode limit = explain("Client ErrorCode : 0x801c0003\nthe user reached the maximum number of devices");
        JsonNode first = limit.get("causes").get(0);
        assertEquals("device-limit", first.get("id").asText(), limit.toString());
        assertFalse(first.get("tpm").asBoolean(), "a look-alike: not the TPM");
        assertTrue(first.get("why").toString().contains("maximum number of devices"), first.toString());
        CliRunner.Result text = CliRunner.run("explain", "0x801C0003 the user reached the maximum number of devices");
        assertTrue(text.out().contains("most likely not the TPM: device-limit"), text.out());
        JsonNode ready = explain("TPM attestation failed 0x81039001\nReady For Attestation: False");
        assertEquals("tpm-not-ready", ready.get("causes").get(0).get("id").asText(), ready.toString());
        assertEquals(1, ready.get("causes").get(0).get("rank").asInt());
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tpm2j diagnose} never says ready for what it did not check: a check that could not run is reported as
 * not-checked (exit 1, {@code "ready": false}, listed in {@code "notChecked"}), and malformed option values are usage
 * errors (exit 2) instead of a check that silently did not run.
 */
class DiagnoseNotCheckedTest {

    @Test
    void clockSkewWithoutAReferenceTimeIsNotCheckedAndNotReady() {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            CliRunner.Result text = CliRunner.run("--tpm", sim.tpmSpec(), "diagnose", "--only", "clock-skew");
            assertEquals(Tpm2jCli.FINDING, text.exit(), text.out() + text.err());
            assertTrue(text.out().startsWith("NOT-CHECKED  clock-skew   not checked: no reference time"), text.out());
            assertTrue(text.out().contains("\n             fix: run with --time-url URL"), text.out());
            String verdict = text.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertEquals("NOT known to be ready for attestation: not checked: clock-skew", verdict);

            CliRunner.Result json = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--only", "clock-skew");
            assertEquals(Tpm2jCli.FINDING, json.exit(), json.out() + json.err());
            JsonNode d = json.json();
            assertFalse(d.get("ready").asBoolean(), d.toString());
            assertEquals("not-checked", CliTest.check(d, "clock-skew").get("status").asText());
            assertEquals(List.of("clock-skew"), List.of(d.get("notChecked").get(0).asText()));
            assertEquals(1, d.get("notChecked").size());

            // the full report: a simulator fails virtual-tpm, and the verdict still names what was not checked
            CliRunner.Result all = CliRunner.run("--tpm", sim.tpmSpec(), "diagnose", "--offline");
            assertEquals(Tpm2jCli.FINDING, all.exit(), all.out() + all.err());
            assertTrue(all.out().strip().endsWith("\nNOT ready for attestation (and not checked: clock-skew)"),
                    all.out());

            // with a reference time the same check runs, passes, and the report is ready
            CliRunner.Result given = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--only",
                    "clock-skew", "--reference-time", Instant.now().toString());
            assertEquals(Tpm2jCli.OK, given.exit(), given.out() + given.err());
            assertTrue(given.json().get("ready").asBoolean());
            assertEquals(0, given.json().get("notChecked").size());
            CliRunner.Result givenText = CliRunner.run("--tpm", sim.tpmSpec(), "diagnose", "--only", "clock-skew",
                    "--reference-time", Instant.now().toString());
            assertTrue(givenText.out().startsWith("PASS  clock-skew   the system clock is"), givenText.out());
            assertTrue(givenText.out().strip().endsWith("\nready for attestation"), givenText.out());
        }
    }

    /** A --time-url that answers nothing: the reference time could not be had, so clock skew was not checked. */
    @Test
    void anUnreachableTimeServerIsNotChecked() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--only", "clock-skew",
                    "--time-url", "http://127.0.0.1:" + closedPort + "/");
            assertEquals(Tpm2jCli.FINDING, r.exit(), r.out() + r.err());
            JsonNode c = CliTest.check(r.json(), "clock-skew");
            assertEquals("not-checked", c.get("status").asText(), c.toString());
            assertTrue(c.get("detail").asText().startsWith("not checked: could not get a reference time"), c.toString());
            assertFalse(r.json().get("ready").asBoolean());
        }
    }

    /** Without any trust anchor the chain cannot be verified: not checked, not a warning that reads as ready. */
    @Test
    void aChainWithNoAnchorsIsNotChecked() {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--offline",
                    "--no-default-trust", "--only", "ek-chain");
            assertEquals(Tpm2jCli.FINDING, r.exit(), r.out() + r.err());
            JsonNode c = CliTest.check(r.json(), "ek-chain");
            assertEquals("not-checked", c.get("status").asText(), c.toString());
            assertTrue(c.get("fix").asText().contains("--trust"), c.toString());
            assertEquals("ek-chain", r.json().get("notChecked").get(0).asText());
        }
    }

    /** No EK certificate: ek-cert fails, and ek-match, which has nothing to compare, is not checked (not a pass). */
    @Test
    void ekMatchWithoutAnEkCertificateIsNotChecked() {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            try (Tpm tpm = sim.openTpm()) {
                for (int index : List.of(0x01C00002, 0x01C0000A)) { // the RSA and ECC EK certificate indices
                    tpm.nvUndefineSpace(index, Authorization.platform());
                }
            }
            CliRunner.Result only = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "diagnose", "--offline", "--only",
                    "ek-match");
            assertEquals(Tpm2jCli.FINDING, only.exit(), only.out() + only.err());
            assertEquals("not-checked", CliTest.check(only.json(), "ek-match").get("status").asText(), only.out());
            assertFalse(only.json().get("ready").asBoolean());
        }
    }

    @Test
    void malformedOptionValuesAreUsageErrors() {
        String tpm = "swtpm:host=127.0.0.1,port=1"; // never opened: the values are refused while parsing
        for (List<String> bad : List.of(List.of("--reference-time", "yesterday"), List.of("--reference-time", ""),
                List.of("--reference-time", "2026-13-01T00:00:00Z"), List.of("--time-url", "ftp://example.com/"),
                List.of("--time-url", "example.com"), List.of("--time-url", "https://"),
                List.of("--time-url", "http://exa mple.com/"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--tpm", tpm, "diagnose"));
            args.addAll(bad);
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(Tpm2jCli.USAGE, r.exit(), bad + ": " + r.out() + r.err());
            assertTrue(r.err().contains(bad.get(0)), bad + ": the message names the option: " + r.err());
            assertFalse(r.out().contains("ready for attestation"), r.out());

            args.add(0, "--json");
            CliRunner.Result json = CliRunner.run(args.toArray(String[]::new));
            assertEquals(Tpm2jCli.USAGE, json.exit(), bad + ": " + json.out() + json.err());
            assertEquals("usage", json.json().get("error").get("kind").asText(), json.out());
        }
        CliRunner.Result r = CliRunner.run("--tpm", tpm, "diagnose", "--reference-time", "yesterday");
        assertTrue(r.err().contains("'yesterday' is not an ISO 8601 time such as 2026-12-07T20:15:00Z"), r.err());
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI's rough edges, each against a real swtpm (and tpm2-tools where it reads the same bytes). */
class CliPolishTest {

    static CliRunner.Result run(Swtpm sim, String... more) {
        String[] a = new String[more.length + 2];
        a[0] = "--tpm";
        a[1] = sim.tpmSpec();
        System.arraycopy(more, 0, a, 2, more.length);
        return CliRunner.run(a);
    }

    @Test
    void nvReadFollowsACertificateIntoTheNextChainIndexAndHonoursOutAndNumbers(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            CliRunner.Result text = run(sim, "nv-read", "0x01c00100", "--format", "text");
            assertEquals(0, text.exit(), text.err());
            assertFalse(text.out().contains("truncated"), text.out());
            assertTrue(text.out().contains("certificate 3:"), text.out());
            assertTrue(text.out().contains("(continued in 0x01c00101)"), text.out());
            assertTrue(text.out().contains("CN=CSME SIM PTT 01SVN"), text.out());

            JsonNode j = run(sim, "--json", "nv-read", "0x01c00100").json();
            assertEquals(List.of("0x01c00100", "0x01c00101"),
                    List.of(j.get("readFrom").get(0).asText(), j.get("readFrom").get(1).asText()));
            assertEquals(3, j.get("certificates").size());
            assertEquals(1024, j.get("size").asInt(), "hex and raw stay the index's own bytes");

            // --out writes the bytes and prints nothing; the file equals what tpm2_nvread reads.
            Path mine = dir.resolve("mine.bin");
            CliRunner.Result out = run(sim, "nv-read", "0x01c00100", "--out", mine.toString());
            assertEquals(0, out.exit(), out.err());
            assertEquals("", out.out());
            Path theirs = dir.resolve("theirs.bin");
            Tpm2Tools.run(sim, "tpm2_nvread", "0x01c00100", "-C", "o", "-o", theirs.toString());
            assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(mine));
            assertEquals(j.get("hex").asText(), HexFormat.of().formatHex(Files.readAllBytes(mine)));

            // Numbers: decimal is decimal, 0x is hex, both range-checked.
            JsonNode part = run(sim, "--json", "nv-read", "29360384", "--offset", "0x10", "--size", "16").json();
            assertEquals("0x01c00100", part.get("index").asText());
            assertEquals(16, part.get("size").asInt());
            assertEquals(j.get("hex").asText().substring(32, 64), part.get("hex").asText());
            for (String[] bad : List.of(new String[] {"0x01c00100", "--size", "-1"},
                    new String[] {"0x01c00100", "--size", "0"}, new String[] {"0x101c00100"},
                    new String[] {"01c00100"}, new String[] {"0x01c00100", "--offset", "4096"})) {
                String[] a = new String[bad.length + 1];
                a[0] = "nv-read";
                System.arraycopy(bad, 0, a, 1, bad.length);
                CliRunner.Result r = run(sim, a);
                assertEquals(Tpm2jCli.USAGE, r.exit(), String.join(" ", bad) + ": " + r.out() + r.err());
                assertEquals("", r.out(), String.join(" ", bad));
                assertEquals(1, r.err().strip().lines().count(), r.err());
            }
        }
    }

    @Test
    void jsonErrorsAreAJsonObjectOnStdoutAndOneLineOnStderr() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            CliRunner.Result tpm = run(sim, "--json", "nv-read", "0x01c0ffff");
            assertEquals(Tpm2jCli.TPM_ERROR, tpm.exit());
            JsonNode e = tpm.json().get("error");
            assertEquals("tpm", e.get("kind").asText());
            assertEquals(3, e.get("exitCode").asInt());
            assertTrue(e.get("responseCode").asText().startsWith("TPM_RC_HANDLE"), e.toString());
            assertTrue(tpm.err().startsWith("tpm2j: ") && tpm.err().strip().lines().count() == 1, tpm.err());
            assertTrue(tpm.err().contains(e.get("message").asText()), tpm.err());

            CliRunner.Result usage = run(sim, "--json", "nv-read", "0x101c00002");
            assertEquals(Tpm2jCli.USAGE, usage.exit());
            assertEquals("usage", usage.json().get("error").get("kind").asText());

            CliRunner.Result parse = run(sim, "--json", "nv-read", "0x01c00100", "--no-such-option");
            assertEquals(Tpm2jCli.USAGE, parse.exit());
            assertTrue(parse.json().get("error").get("message").asText().contains("--no-such-option"), parse.out());
        }
    }

    @Test
    void windowsCertsOffWindowsSaysSoWithAUsageExit() {
        CliRunner.Result r = CliRunner.run("--tpm", "swtpm:port=1", "windows-certs");
        assertEquals(Tpm2jCli.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("not on Windows"), r.err());
        CliRunner.Result j = CliRunner.run("--json", "windows-certs");
        assertEquals(Tpm2jCli.USAGE, j.exit());
        assertTrue(j.json().get("error").get("message").asText().contains("not on Windows"));
    }

    @Test
    void everyOptionOfTheseCommandsIsDescribedWithDefaultsExitCodesAndAnExample() throws Exception {
        CommandLine cl = Tpm2jCli.commandLine();
        List<CommandLine> mine = List.of(cl, cl.getSubcommands().get("info"), cl.getSubcommands().get("nv-summary"),
                cl.getSubcommands().get("nv-read"), cl.getSubcommands().get("windows-certs"),
                cl.getSubcommands().get("credential"),
                cl.getSubcommands().get("credential").getSubcommands().get("make"),
                cl.getSubcommands().get("credential").getSubcommands().get("activate"),
                cl.getSubcommands().get("startup"));
        for (CommandLine c : mine) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                assertTrue(o.description().length > 0 && !o.description()[0].isBlank(),
                        c.getCommandName() + " " + o.longestName() + " has no description");
            }
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("Exit codes:") && help.contains("  3   TPM or I/O error"), help);
            assertTrue(help.contains("Example:\n  tpm2j "), c.getCommandName() + ":\n" + help);
        }
        String nvRead = cl.getSubcommands().get("nv-read").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(nvRead.contains("default: hex"), nvRead);
        assertTrue(nvRead.contains("default: 0"), nvRead);
    }

    @Test
    void startupStartsAnInitialisedTpmAndSimTakesAProfile() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            CliRunner.Result again = run(sim, "--json", "startup");
            assertEquals(0, again.exit(), again.err());
            assertEquals("already started", again.json().get("outcome").asText());
            new dev.tpm2j.transport.SwtpmControl("127.0.0.1", sim.controlPort()).init(0);
            CliRunner.Result before = run(sim, "info");
            assertEquals(Tpm2jCli.TPM_ERROR, before.exit(), before.out());
            assertTrue(before.err().contains("TPM_RC_INITIALIZE"), before.err());
            CliRunner.Result start = run(sim, "--json", "startup", "--clear");
            assertEquals(0, start.exit(), start.err());
            assertEquals("started", start.json().get("outcome").asText());
            assertEquals("clear", start.json().get("startupType").asText());
            assertEquals(0, run(sim, "info").exit());
            assertEquals(Tpm2jCli.USAGE, run(sim, "startup", "--clear", "--state").exit());
        }
        CliRunner.Result discrete = CliRunner.run("--tpm", "sim:profile=discrete", "--json", "ek-chain", "--offline");
        assertEquals(0, discrete.exit(), discrete.out() + discrete.err());
        assertTrue(discrete.json().get("chain").get(1).get("subject").asText().contains("Infineon"), discrete.out());
        CliRunner.Result badProfile = CliRunner.run("--tpm", "sim:profile=tpm3", "info");
        assertEquals(Tpm2jCli.USAGE, badProfile.exit());
        assertTrue(badProfile.err().contains("unknown profile 'tpm3'"), badProfile.err());
    }

    @Test
    void withNoTpmOptionTheErrorNamesTheDevicePathsItTried() {
        boolean device = Files.exists(Path.of("/dev/tpmrm0")) || Files.exists(Path.of("/dev/tpm0"));
        String env = System.getenv("TPM2J_TPM") != null ? System.getenv("TPM2J_TPM") : System.getenv("TPM2TOOLS_TCTI");
        CliRunner.Result r = CliRunner.run("info");
        if (!device && env == null) {
            assertEquals(Tpm2jCli.TPM_ERROR, r.exit());
            assertTrue(r.err().contains("/dev/tpmrm0 and /dev/tpm0 do not exist"), r.err());
        } else {
            assertTrue(r.exit() == 0 || r.err().startsWith("tpm2j: "), r.err());
        }
    }

    @Test
    void rcDoesNotOfferTpm() {
        String help = Tpm2jCli.commandLine().getSubcommands().get("rc").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertFalse(help.contains("--tpm"), help);
        assertEquals(Tpm2jCli.USAGE, CliRunner.run("rc", "--tpm", "sim", "0x9a2").exit());
        assertEquals(0, CliRunner.run("rc", "0x9a2").exit());
        assertTrue(Tpm2jCli.commandLine().getSubcommands().get("info").getUsageMessage(CommandLine.Help.Ansi.OFF)
                .contains("--tpm"));
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code tpm2j explain} takes what people paste: an argument that starts with {@code -} and is no tpm2j option is
 * text (a TpmHliInfo flag such as {@code -NoValidEkCert}, as TpmHliInfo_Output.txt shows it), while the real options
 * ({@code --json}, {@code --help}, {@code --logs}) still work and {@code --} still ends the options.
 */
class ExplainPastedTextTest {

    @Test
    void aTpmHliInfoFlagAsPastedIsExplained() {
        CliRunner.Result r = CliRunner.run("explain", "-NoValidEkCert");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("NoValidEkCert"), r.out());
        assertFalse(r.out().contains("not recognised"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aPastedLineStartingWithADashIsOneInputInJson() {
        CliRunner.Result r = CliRunner.run("--json", "explain", "-NoValidEkCert: No valid EK cert found");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("-NoValidEkCert: No valid EK cert found", j.get("input").asText());
        assertFalse(j.get("kind").isNull(), j.toString());
        assertTrue(j.get("causes").size() > 0, j.toString());
    }

    @Test
    void realOptionsStillWorkAroundPastedText() {
        CliRunner.Result after = CliRunner.run("explain", "-NoValidEkCert", "--json");
        assertEquals(0, after.exit(), after.out() + after.err());
        assertEquals("-NoValidEkCert", after.json().get("input").asText(), "--json after the text is the option");

        for (String help : new String[] {"-h", "--help"}) {
            CliRunner.Result h = CliRunner.run("explain", help);
            assertEquals(0, h.exit(), help);
            assertTrue(h.out().contains("Usage: tpm2j explain"), h.out());
            assertTrue(h.out().contains("tpm2j explain -NoValidEkCert"), "the help shows the plain form: " + h.out());
        }
        CliRunner.Result version = CliRunner.run("explain", "--version");
        assertEquals(0, version.exit(), "--version is the option, not text to explain: " + version.out());
        assertFalse(version.out().contains("not recognised"), version.out());

        CliRunner.Result logs = CliRunner.run("explain", "--logs", ExplainCommandTest.fixtures().resolve("garbage")
                .toString());
        assertEquals(1, logs.exit(), "--logs is still an option: " + logs.out() + logs.err());
        assertTrue(logs.out().contains("file(s) read"), logs.out());
    }

    /** Single-letter options are not clustered in explain: {@code -hello} is text, not {@code -h} plus "ello". */
    @Test
    void aWordStartingWithAnOptionLetterIsText() {
        CliRunner.Result r = CliRunner.run("--json", "explain", "-hello");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("-hello", r.json().get("input").asText());
        CliRunner.Result v = CliRunner.run("--json", "explain", "-Version");
        assertEquals(1, v.exit(), v.out() + v.err());
        assertEquals("-Version", v.json().get("input").asText());
    }

    @Test
    void afterTheEndOfOptionsEveryWordIsText() {
        CliRunner.Result r = CliRunner.run("explain", "--", "-NoValidEkCert");
        assertEquals(0, r.exit(), r.out() + r.err());
        CliRunner.Result json = CliRunner.run("explain", "--", "--json");
        assertEquals(1, json.exit(), json.out() + json.err());
        assertTrue(json.out().startsWith("not recognised: --json"), "text output, --json was text: " + json.out());
        CliRunner.Result tpm = CliRunner.run("--json", "explain", "--", "--tpm", "sim");
        assertEquals(1, tpm.exit(), tpm.out() + tpm.err());
        assertEquals("--tpm sim", tpm.json().get("input").asText());
    }

    /** {@code --tpm} is a tpm2j option that explain does not take: a usage error, as before, not text. */
    @Test
    void aRootOptionExplainDoesNotTakeIsAUsageError() {
        for (String[] args : new String[][] {{"explain", "--tpm", "sim", "0x9a2"}, {"explain", "0x9a2", "--tpm=sim"},
                {"--json", "explain", "-NoValidEkCert", "--tpm", "sim"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(Tpm2jCli.USAGE, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
            assertTrue(r.err().contains("explain does not take --tpm"), r.err());
        }
    }

    /** What {@code main} runs: the subcommand selection builds only explain, and the pasted flag still parses. */
    @Test
    void theSelectedCommandLineOfMainParsesItToo() {
        String[] args = {"--json", "explain", "-NoValidEkCert: No valid EK cert found"};
        CommandLine cl = Tpm2jCli.commandLine(SubcommandSelection.forArgs(Tpm2jCli.SUBCOMMANDS_BY_NAME,
                Tpm2jCli.ROOT_OPTIONS, args));
        assertEquals(1, cl.getSubcommands().size(), "only explain is built");
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute(args), out.toString());
        assertTrue(out.toString().contains("\"input\":\"-NoValidEkCert: No valid EK cert found\""), out.toString());
    }
}

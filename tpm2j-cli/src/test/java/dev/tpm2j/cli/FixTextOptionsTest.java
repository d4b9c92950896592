package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code --option} a diagnose fix text (or any other text of the readiness checks) names is an option of the
 * command it is meant for: the command named just before it ({@code tpm2j explain --logs}), else {@code diagnose},
 * which prints the text. Checked on every string of the readiness sources (so texts on rare paths count too) and on
 * the fix texts real diagnose runs print.
 */
class FixTextOptionsTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern COMMAND = Pattern.compile("\\btpm2j ([a-z][a-z0-9-]*)");

    /** The options {@code text} names that its command does not have, as "option (command)"; empty when all exist. */
    static List<String> unknownOptions(String text) {
        CommandLine cli = Tpm2jCli.commandLine();
        List<String> unknown = new ArrayList<>();
        Matcher option = OPTION.matcher(text);
        while (option.find()) {
            String command = "diagnose";
            Matcher named = COMMAND.matcher(text.substring(0, option.start()));
            while (named.find()) {
                if (cli.getSubcommands().containsKey(named.group(1))) {
                    command = named.group(1);
                }
            }
            CommandLine sub = cli.getSubcommands().get(command);
            if (!sub.getCommandSpec().optionsMap().containsKey(option.group())) {
                unknown.add(option.group() + " (" + command + ")");
            }
        }
        return unknown;
    }

    @Test
    void theCheckerFindsAnOptionThatDoesNotExist() {
        assertEquals(List.of("--aia (diagnose)"), unknownOptions("fetch the missing issuer (or run with --aia)"));
        assertEquals(List.of("--only (explain)"), unknownOptions("run tpm2j explain --only ek-cert"));
        assertEquals(List.of(), unknownOptions("run tpm2j explain --logs DIR, then tpm2j diagnose --only ek-cert"));
        assertEquals(List.of(), unknownOptions("pass --trust, --intermediates or --tpm; not-a-flag, w32tm /resync"));
    }

    /** Every string literal of the readiness checks and of the diagnose command. */
    @Test
    void everyReadinessTextNamesOptionsThatExist() throws IOException {
        Path root = projectRoot();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve("tpm2-diagnose/src/main/java/dev/tpm2j/diagnose/readiness"))) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
        }
        sources.add(root.resolve("tpm2j-cli/src/main/java/dev/tpm2j/cli/DiagnoseCommand.java"));
        assertTrue(sources.size() >= 10, sources.toString());
        Map<String, List<String>> bad = new TreeMap<>();
        int withOptions = 0;
        for (Path source : sources) {
            for (String text : JavaStrings.of(Files.readString(source))) {
                if (OPTION.matcher(text).find()) {
                    withOptions++;
                }
                List<String> unknown = unknownOptions(text);
                if (!unknown.isEmpty()) {
                    bad.put(source.getFileName() + ": \"" + text + "\"", unknown);
                }
            }
        }
        assertTrue(withOptions >= 6, "the scan found the texts that name options: " + withOptions);
        assertEquals(Map.of(), bad);
    }

    /** The fix texts diagnose prints for staged faults: no reference time, no anchors, no chain index, no EK cert. */
    @Test
    void everyFixTextDiagnosePrintsNamesOptionsThatExist() {
        List<String> fixes = new ArrayList<>();
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            fixes.addAll(fixes(CliTest.cli(sim, "diagnose", "--offline").json()));
            fixes.addAll(fixes(CliTest.cli(sim, "diagnose", "--offline", "--no-default-trust").json()));
            fixes.addAll(fixes(CliTest.cli(sim, "diagnose", "--time-url", "http://127.0.0.1:1/").json()));
            try (Tpm tpm = sim.openTpm()) {
                tpm.nvUndefineSpace(0x01C00101, Authorization.platform()); // a chain index: a missing link
            }
            fixes.addAll(fixes(CliTest.cli(sim, "diagnose", "--offline").json()));
            try (Tpm tpm = sim.openTpm()) {
                for (int index : List.of(0x01C00002, 0x01C0000A)) {
                    tpm.nvUndefineSpace(index, Authorization.platform());
                }
            }
            fixes.addAll(fixes(CliTest.cli(sim, "diagnose", "--offline").json()));
        }
        assertTrue(fixes.stream().anyMatch(f -> f.contains("--time-url")), fixes.toString());
        assertTrue(fixes.stream().anyMatch(f -> f.contains("--trust")), fixes.toString());
        assertTrue(fixes.stream().anyMatch(f -> f.contains("--intermediates")), fixes.toString());
        for (String fix : fixes) {
            assertEquals(List.of(), unknownOptions(fix), fix);
        }
    }

    private static List<String> fixes(JsonNode diagnose) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : diagnose.get("checks")) {
            if (c.get("fix").isTextual()) {
                out.add(c.get("fix").asText());
            }
        }
        assertFalse(diagnose.get("checks").isEmpty(), diagnose.toString());
        return out;
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("tpm2-diagnose/src/main/java/dev/tpm2j/diagnose/readiness"))) {
                return p;
            }
        }
        return fail("the project root was not found");
    }

    /**
     * The string literals of a Java source, with literals joined by {@code +} taken as one text ({@code "a" + "b"}
     * is "ab"; {@code "a" + x + "b"} is two texts); comments and character literals are skipped.
     */
    static final class JavaStrings {
        private JavaStrings() {
        }

        static List<String> of(String src) {
            List<String> texts = new ArrayList<>();
            StringBuilder current = null;
            boolean afterLiteral = false;
            boolean plus = false;
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (src.startsWith("//", i)) {
                    i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
                } else if (src.startsWith("/*", i)) {
                    i = src.indexOf("*/", i + 2) + 2;
                } else if (c == '\'') {
                    i = skipQuoted(src, i, '\'');
                    afterLiteral = plus = false;
                } else if (c == '"') {
                    boolean block = src.startsWith("\"\"\"", i);
                    int end = block ? src.indexOf("\"\"\"", i + 3) + 3 : skipQuoted(src, i, '"');
                    String literal = block ? src.substring(i + 3, end - 3) : src.substring(i + 1, end - 1);
                    if (current != null && afterLiteral && plus) {
                        current.append(literal);
                    } else {
                        if (current != null) {
                            texts.add(current.toString());
                        }
                        current = new StringBuilder(literal);
                    }
                    afterLiteral = true;
                    plus = false;
                    i = end;
                } else if (c == '+' && afterLiteral && !plus) {
                    plus = true;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    afterLiteral = plus = false;
                    i++;
                }
            }
            if (current != null) {
                texts.add(current.toString());
            }
            return texts;
        }

        private static int skipQuoted(String src, int start, char quote) {
            int i = start + 1;
            while (src.charAt(i) != quote) {
                i += src.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
    }

    @Test
    void theStringScannerJoinsConcatenationsAndSkipsComments() {
        String src = "// \"--nope\"\n/* \"--no\" */ String a = \"run \" + \"with --x\"; char q = '\"';"
                + " b(\"one\" + n + \"two \\\" --y\");";
        assertEquals(List.of("run with --x", "one", "two \\\" --y"), JavaStrings.of(src));
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command's bad input, as one table: for each input file a missing file, random bytes and an empty file (exit 3);
 * for each hex value a string that is not hex and for each number one outside its range and one that is not a
 * number (exit 2; for an int option picocli refuses it). Each run must print exactly one line on stderr that names the option (or the file, or the value of
 * a parameter) and no Java class name. The TPM given cannot be reached, so a command that opens it before checking
 * its inputs fails its rows (its one line is about the TPM). {@link #everyOptionOfEveryCommandIsClassified} keeps the
 * table complete: a new option must be added to {@link #INPUTS} with its kind, or listed as taking none of these.
 */
class BadInputTableTest {
    /** Nothing listens on port 1: a command that opens this TPM fails with exit 3 and a line about the connection. */
    static final String UNREACHABLE_TPM = "swtpm:host=127.0.0.1,port=1,timeout=200";

    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception");

    /** What an option or parameter takes. */
    enum Kind {
        /** a file (or folder) the command reads */
        INPUT_FILE,
        /** bytes in hex */
        HEX,
        /** a number with a range (or a list of them) */
        NUMBER,
        /** none of these: the reason says what it takes */
        OTHER
    }

    /** One option or positional parameter (named by its label) of a command, its kind, and why for OTHER. */
    record Input(String command, String option, Kind kind, String why) {
    }

    /** Every command (by its path below tpm2j) with every option and parameter it has, except -h/-V and root ones. */
    static final List<Input> INPUTS = List.of(
            new Input("info", null, Kind.OTHER, "no options"),
            new Input("nv-summary", null, Kind.OTHER, "no options"),
            new Input("nv-read", "INDEX", Kind.NUMBER, null),
            new Input("nv-read", "--offset", Kind.NUMBER, null),
            new Input("nv-read", "--size", Kind.NUMBER, null),
            new Input("nv-read", "--out", Kind.OTHER, "an output file"),
            new Input("nv-read", "--format", Kind.OTHER, "a choice: raw, hex, pem, text"),
            new Input("ek-info", null, Kind.OTHER, "no options"),
            new Input("ek-chain", "--out", Kind.OTHER, "an output folder"),
            new Input("ek-chain", "--aia", Kind.OTHER, "a flag"),
            trust("ek-chain", "--trust"), trust("ek-chain", "--intermediates"),
            new Input("ek-chain", "--no-default-trust", Kind.OTHER, "a flag"),
            new Input("ek-chain", "--offline", Kind.OTHER, "a flag"),
            trust("aik-url", "--trust"), trust("aik-url", "--intermediates"),
            new Input("aik-url", "--no-default-trust", Kind.OTHER, "a flag"),
            new Input("aik-url", "--offline", Kind.OTHER, "a flag"),
            new Input("rc", "CODE", Kind.NUMBER, null),
            new Input("explain", "--logs", Kind.INPUT_FILE, null),
            new Input("explain", "ANYTHING", Kind.OTHER, "free text (anything is something to explain)"),
            new Input("credential", null, Kind.OTHER, "no options (make and activate have them)"),
            new Input("credential make", "--ek-public", Kind.INPUT_FILE, null),
            new Input("credential make", "--ek-cert", Kind.INPUT_FILE, null),
            new Input("credential make", "--ek-handle", Kind.NUMBER, null),
            new Input("credential make", "--ek-template", Kind.OTHER, "a choice: auto, L-1, L-2, H-1…H-7"),
            new Input("credential make", "--ak-name", Kind.HEX, null),
            new Input("credential make", "--secret", Kind.HEX, null),
            new Input("credential make", "--out", Kind.OTHER, "an output file"),
            new Input("credential activate", "--ak", Kind.NUMBER, null),
            new Input("credential activate", "--ek", Kind.NUMBER, null),
            new Input("credential activate", "--in", Kind.INPUT_FILE, null),
            new Input("credential activate", "--ak-auth", Kind.OTHER, "a password (any text)"),
            trust("enroll", "--trust"), trust("enroll", "--intermediates"),
            new Input("enroll", "--no-default-trust", Kind.OTHER, "a flag"),
            new Input("enroll", "--offline", Kind.OTHER, "a flag"),
            new Input("enroll", "--ak", Kind.OTHER, "a choice: rsa, ecc"),
            trust("diagnose", "--trust"), trust("diagnose", "--intermediates"),
            new Input("diagnose", "--no-default-trust", Kind.OTHER, "a flag"),
            new Input("diagnose", "--offline", Kind.OTHER, "a flag"),
            new Input("diagnose", "--reference-time", Kind.OTHER, "an ISO 8601 time (picocli converts it)"),
            new Input("diagnose", "--time-url", Kind.OTHER, "an http(s) URL (picocli converts it)"),
            new Input("diagnose", "--only", Kind.OTHER, "check ids"),
            new Input("windows-certs", null, Kind.OTHER, "no options"),
            new Input("startup", "--clear", Kind.OTHER, "a flag"),
            new Input("startup", "--state", Kind.OTHER, "a flag"),
            new Input("pcrs", "--bank", Kind.OTHER, "bank names"),
            new Input("quote", "--ak", Kind.NUMBER, null),
            new Input("quote", "--pcrs", Kind.NUMBER, null),
            new Input("quote", "--nonce", Kind.HEX, null),
            new Input("quote", "--message", Kind.OTHER, "an output file"),
            new Input("quote", "--signature", Kind.OTHER, "an output file"),
            new Input("quote", "--pcr-values", Kind.OTHER, "an output file"),
            new Input("verify-quote", "--ak-public", Kind.INPUT_FILE, null),
            new Input("verify-quote", "--message", Kind.INPUT_FILE, null),
            new Input("verify-quote", "--signature", Kind.INPUT_FILE, null),
            new Input("verify-quote", "--pcr-values", Kind.INPUT_FILE, null),
            new Input("verify-quote", "--nonce", Kind.HEX, null),
            new Input("verify-quote", "--no-nonce", Kind.OTHER, "a flag"),
            new Input("verify-quote", "--pcrs", Kind.NUMBER, null),
            new Input("eventlog", "FILE", Kind.INPUT_FILE, null),
            new Input("eventlog", "--pcr-values", Kind.INPUT_FILE, null),
            new Input("eventlog", "--max-size", Kind.NUMBER, null),
            trust("attest-key", "--trust"), trust("attest-key", "--intermediates"),
            new Input("attest-key", "--no-default-trust", Kind.OTHER, "a flag"),
            new Input("attest-key", "--offline", Kind.OTHER, "a flag"),
            new Input("attest-key", "--key", Kind.OTHER, "a choice: rsa, ecc"),
            new Input("attest-key", "--out", Kind.OTHER, "an output file"),
            new Input("help", "COMMAND", Kind.OTHER, "a command name (picocli's help command)"));

    /** {@code --trust} and {@code --intermediates}: input files, read before the TPM is opened. */
    private static Input trust(String command, String option) {
        return new Input(command, option, Kind.INPUT_FILE, null);
    }

    @Test
    void everyOptionOfEveryCommandIsClassified() {
        Map<String, TreeSet<String>> actual = new TreeMap<>();
        collect(Tpm2jCli.commandLine(), "", actual);
        assertEquals(Tpm2jCli.SUBCOMMANDS_BY_NAME.size() + 2, actual.size(), "commands found: " + actual.keySet());
        Map<String, TreeSet<String>> listed = new TreeMap<>();
        for (Input i : INPUTS) {
            TreeSet<String> options = listed.computeIfAbsent(i.command(), k -> new TreeSet<>());
            if (i.option() != null) {
                assertTrue(options.add(i.option()), "listed twice: " + i);
            }
            assertTrue(i.kind() != Kind.OTHER || i.why() != null, "OTHER needs a reason: " + i);
        }
        assertEquals(actual, listed, "every command's options and parameters, each with its kind");
    }

    private static void collect(CommandLine cl, String prefix, Map<String, TreeSet<String>> into) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String path = prefix + e.getKey();
            CommandSpec spec = e.getValue().getCommandSpec();
            TreeSet<String> options = new TreeSet<>();
            for (OptionSpec o : spec.options()) {
                if (!o.usageHelp() && !o.versionHelp() && !Tpm2jCli.ROOT_OPTIONS.containsKey(o.longestName())) {
                    options.add(o.longestName());
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                options.add(p.paramLabel());
            }
            into.put(path, options);
            collect(e.getValue(), path + " ", into);
        }
    }

    @Test
    void everyBadInputExitsWithItsCodeAndOneLineNamingIt(@TempDir Path dir) throws Exception {
        Fixtures f = new Fixtures(dir);
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Input input : INPUTS) {
            for (Case c : cases(input, f)) {
                runs++;
                List<String> args = new ArrayList<>();
                String first = input.command().split(" ")[0];
                if (!Tpm2jCli.NO_TPM.contains(first)) {
                    args.addAll(List.of("--tpm", UNREACHABLE_TPM));
                }
                args.addAll(List.of(input.command().split(" ")));
                args.addAll(withValue(f.base(input.command()), input.option(), c.value()));
                CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
                String err = r.err().strip();
                String why = null;
                if (r.exit() != c.exit()) {
                    why = "exit " + r.exit() + ", expected " + c.exit();
                } else if (err.isEmpty() || err.lines().count() != 1) {
                    why = "not one stderr line";
                } else if (!err.contains(c.named())) {
                    why = "does not name " + c.named();
                } else if (CLASS_NAME.matcher(err).find()) {
                    why = "names a Java class";
                }
                if (why != null) {
                    failures.add(String.join(" ", args) + "\n    " + why + ": " + err.replace("\n", "\n    "));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + runs + " failed:\n" + String.join("\n", failures));
        assertEquals(90, runs, "20 input files x 3, 4 hex values x 2, 11 numbers x 2");
    }

    /** Every help screen, the root's and each command's, lists the exit codes once. */
    @Test
    void everyHelpScreenListsTheExitCodesOnce() {
        Map<String, TreeSet<String>> commands = new TreeMap<>();
        collect(Tpm2jCli.commandLine(), "", commands);
        commands.put("", new TreeSet<>());
        for (String command : commands.keySet()) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertEquals(1, r.out().split("Exit codes", -1).length - 1, "tpm2j " + command + " --help:\n" + r.out());
        }
    }

    /** An input file is read through a bounded stream: one byte over the bound is refused, naming the file. */
    @Test
    void anInputFileOverItsBoundIsRefused(@TempDir Path dir) throws Exception {
        Fixtures f = new Fixtures(dir);
        Path big = Files.write(dir.resolve("big.sig"), new byte[InputFiles.MAX_BYTES + 1]);
        List<String> args = new ArrayList<>(List.of("verify-quote"));
        args.addAll(withValue(f.base("verify-quote"), "--signature", big.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(3, r.exit(), r.err());
        assertEquals("tpm2j: --signature " + big + ": larger than " + InputFiles.MAX_BYTES + " bytes", r.err().strip());
    }

    /** The root's --tpm: a spec with an out-of-range port is a usage error naming --tpm, for a command of each kind. */
    @Test
    void aTpmSpecOutOfRangeIsAUsageErrorNamingTpm() {
        for (String command : List.of("info", "pcrs", "ek-chain")) {
            CliRunner.Result r = CliRunner.run("--tpm", "swtpm:host=127.0.0.1,port=99999", command);
            assertEquals(2, r.exit(), command + ": " + r.err());
            assertTrue(r.err().strip().startsWith("tpm2j: --tpm swtpm:host=127.0.0.1,port=99999: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    /** An error the CLI does not expect (a bug) prints a fixed line; a JDK file error gets words, not its class. */
    @Test
    void unexpectedErrorsAndBareFileErrorsNameNoClass() {
        String bug = Tpm2jCli.message(new NullPointerException("Cannot invoke \"java.lang.String.length()\""));
        assertTrue(bug.startsWith("internal error in tpm2j"), bug);
        assertEquals("/x/y: no such file", Tpm2jCli.message(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("/x/y"))));
        assertEquals("cannot read the trust bundle: /x/y", Tpm2jCli.message(new java.io.UncheckedIOException(
                "cannot read the trust bundle: /x/y", new java.nio.file.NoSuchFileException("/x/y"))));
        assertEquals(3, Tpm2jCli.exitCode(new NullPointerException()));
        assertEquals(2, Tpm2jCli.exitCode(new IllegalArgumentException("--x")));
        assertEquals(3, Tpm2jCli.exitCode(new dev.tpm2j.core.InvalidInputException("bad")));
        assertFalse(CLASS_NAME.matcher(bug).find(), bug);
    }

    /** A bad value for one input, the exit code it must give, and what its error line must contain. */
    record Case(String value, int exit, String named) {
    }

    private static List<Case> cases(Input input, Fixtures f) {
        if (input.kind() == Kind.OTHER) {
            return List.of();
        }
        String name = input.option().startsWith("-") ? input.option() : null;
        return switch (input.kind()) {
            case INPUT_FILE -> List.of(new Case(f.missing.toString(), 3, f.missing.toString()),
                    new Case(f.garbage.toString(), 3, f.garbage.toString()),
                    new Case(f.empty.toString(), 3, f.empty.toString()));
            case HEX -> List.of(new Case("0x12zz", 2, name), new Case("abc", 2, name));
            case NUMBER -> {
                String outOfRange = switch (input.option()) {
                    case "INDEX" -> "0x02000000";
                    case "--offset" -> "0x10000";
                    case "--size" -> "0";
                    case "--pcrs" -> "sha256:0,24";
                    case "--max-size" -> "-1";
                    default -> "0x100000000"; // a 32-bit handle or code
                };
                String text = input.option().equals("--pcrs") ? "sha256:seven" : "0xzz";
                yield List.of(new Case(outOfRange, 2, name != null ? name : outOfRange),
                        new Case(text, 2, name != null ? name : text));
            }
            case OTHER -> List.of();
        };
    }

    /** {@code base} with {@code option}'s value set to {@code value} (a parameter's value replaces the first word). */
    private static List<String> withValue(List<String> base, String option, String value) {
        List<String> args = new ArrayList<>(base);
        if (!option.startsWith("-")) {
            args.set(0, value);
            return args;
        }
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            for (String exclusive : List.of("--ek-public", "--ek-handle", "--ek-cert")) { // credential make's EK
                int e = option.startsWith("--ek-") && !option.equals("--ek-template") ? args.indexOf(exclusive) : -1;
                if (e >= 0) {
                    args.remove(e + 1);
                    args.remove(e);
                }
            }
            args.add(option);
            args.add(value);
        }
        return args;
    }

    /** Valid inputs for every command, so that only the input under test is bad. */
    static final class Fixtures {
        final Path missing;
        final Path garbage;
        final Path empty;
        final Map<String, List<String>> base = new LinkedHashMap<>();

        Fixtures(Path dir) throws Exception {
            missing = dir.resolve("no-such-file.bin");
            garbage = dir.resolve("garbage.bin");
            byte[] random = new byte[300];
            new Random(25).nextBytes(random);
            random[0] = (byte) 0x9c; // not '{' (a JSON start) nor whitespace
            Files.write(garbage, random);
            empty = Files.createFile(dir.resolve("empty.bin"));
            Path akPem = dir.resolve("ak.pem");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            Files.writeString(akPem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Path msg = Files.write(dir.resolve("quote.msg"), quoteMessage());
            Path sig = Files.write(dir.resolve("quote.sig"), ecdsaSignature());
            Path log = AttestationCliTest.eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin");
            String out = dir.resolve("out").toString();
            base.put("nv-read", List.of("0x01c00002"));
            base.put("rc", List.of("0x101"));
            base.put("explain", List.of());
            base.put("credential make", List.of("--ek-public", garbage.toString(), "--ak-name", "000b" + "00".repeat(32),
                    "--secret", "0102", "--out", out));
            base.put("credential activate", List.of("--ak", "0x81000002", "--in", garbage.toString()));
            base.put("quote", List.of("--ak", "0x81010002", "--pcrs", "sha256:0", "--nonce", "0011", "--message", out
                    + ".msg", "--signature", out + ".sig", "--pcr-values", out + ".json"));
            base.put("verify-quote", List.of("--ak-public", akPem.toString(), "--message", msg.toString(),
                    "--signature", sig.toString()));
            base.put("eventlog", List.of(log.toString()));
        }

        List<String> base(String command) {
            return base.getOrDefault(command, List.of());
        }

        /** A TPMS_ATTEST of a quote of sha256 PCR 0 (well formed; no key signed it). */
        static byte[] quoteMessage() {
            ByteBuffer b = ByteBuffer.allocate(200);
            b.putInt(0xff544347).putShort((short) 0x8018);
            b.putShort((short) 0); // qualifiedSigner
            b.putShort((short) 2).put(new byte[] {0x00, 0x11}); // extraData
            b.putLong(1000).putInt(1).putInt(0).put((byte) 1); // clockInfo
            b.putLong(0x2000_0001L); // firmwareVersion
            b.putInt(1).putShort((short) 0x000b).put((byte) 3).put(new byte[] {1, 0, 0}); // pcrSelect
            b.putShort((short) 32).put(new byte[32]); // pcrDigest
            byte[] out = new byte[b.position()];
            b.flip().get(out);
            return out;
        }

        /** A TPMT_SIGNATURE: ECDSA with SHA-256 (well formed; it verifies nothing). */
        static byte[] ecdsaSignature() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.writeBytes(new byte[] {0x00, 0x18, 0x00, 0x0b, 0x00, 0x20});
            o.writeBytes(new byte[32]);
            o.writeBytes(new byte[] {0x00, 0x20});
            o.writeBytes(new byte[32]);
            return o.toByteArray();
        }
    }
}

package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.InvalidInputException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ScopeType;

/**
 * {@code tpm2j}: TPM attestation diagnostics and tools on one command line. Exit codes: 0 ok, 1 a finding (not ready,
 * untrusted, mismatch), 2 usage error, 3 TPM or I/O error.
 */
public final class Tpm2jCli implements Callable<Integer>, CodeModel.Built {
    /**
     * The subcommands by name, in help order; registered in code so a run builds only the one it names (start-up
     * time), and named here so choosing it reads no annotations ({@code SubcommandSelectionTest} checks the names
     * against the command models).
     */
    static final Map<String, Class<?>> SUBCOMMANDS_BY_NAME = subcommandsByName(
            "info", InfoCommand.class, "nv-summary", NvSummaryCommand.class, "nv-read", NvReadCommand.class,
            "ek-info", EkInfoCommand.class, "ek-chain", EkChainCommand.class, "aik-url", AikUrlCommand.class,
            "rc", RcCommand.class, "explain", ExplainCommand.class, "credential", CredentialCommand.class,
            "enroll", EnrollCommand.class, "diagnose", DiagnoseCommand.class, "windows-certs", WindowsCertsCommand.class,
            "startup", StartupCommand.class, "pcrs", PcrsCommand.class, "quote", QuoteCommand.class,
            "verify-quote", VerifyQuoteCommand.class, "eventlog", EventLogCommand.class,
            "attest-key", AttestKeyCommand.class, "help", CommandLine.HelpCommand.class);

    /** The subcommands in help order. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.copyOf(SUBCOMMANDS_BY_NAME.values());

    /**
     * The root's own options, each with whether it takes a value, for {@link SubcommandSelection} (checked against
     * the root model by {@code SubcommandSelectionTest}).
     */
    static final Map<String, Boolean> ROOT_OPTIONS = Map.of("--tpm", true, "--json", false);

    private static Map<String, Class<?>> subcommandsByName(Object... nameThenClass) {
        Map<String, Class<?>> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** Exit code: ok. */
    public static final int OK = 0;
    /** Exit code: a finding (not ready, untrusted, mismatch). */
    public static final int FINDING = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;
    /** Exit code: TPM or I/O error, or a missing, unreadable or malformed input file. */
    public static final int TPM_ERROR = 3;

    /** {@code --tpm SPEC}: the TPM to open (see {@link #model()}). */
    String tpm;

    /** {@code --json}: print one JSON document. */
    boolean json;

    /** This command's spec, set by {@link #commandLine} (no {@code @Spec}: see {@link Subcommand}). */
    CommandLine.Model.CommandSpec spec;

    @Override
    public CommandLine.Model.CommandSpec model() {
        CommandLine.Model.CommandSpec s = CodeModel.command(this, "tpm2j",
                "TPM 2.0 EK certificates, the on-die EK chain, AIK enrollment and attestation readiness.");
        s.versionProvider(new Version());
        s.addOption(CodeModel.option(String.class, () -> tpm, v -> tpm = v, "--tpm").scopeType(ScopeType.INHERIT)
                .paramLabel("SPEC")
                .description("the TPM: swtpm:host=H,port=P[,timeout=MS] | mssim:host=H,port=P[,startup=1][,timeout=MS] | "
                        + "device:/dev/tpmrm0 | tbs | sim[:profile=intel-odca|discrete|bare] (default: $TPM2J_TPM, "
                        + "$TPM2TOOLS_TCTI, then the platform TPM: tbs on Windows, /dev/tpmrm0 then /dev/tpm0 on Linux)")
                .build());
        s.addOption(CodeModel.option(boolean.class, () -> json, v -> json = v, "--json").scopeType(ScopeType.INHERIT)
                .description("print one JSON document on stdout (errors too, as {\"error\":{…}})").build());
        return s;
    }

    /** Version from the jar manifest (or "development"). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tpm2jCli.class.getPackage().getImplementationVersion();
            return new String[] {"tpm2j " + (v != null ? v : "0.1.0-SNAPSHOT"), "Java " + System.getProperty("java.version")};
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** Wraps the transport of every TPM the CLI opens (tests count round trips through it). */
    static java.util.function.UnaryOperator<dev.tpm2j.core.TpmTransport> transportDecorator = t -> t;

    /** Opens the TPM the options name; a {@code --tpm} value that does not parse is a usage error naming it. */
    Tpm openTpm() {
        dev.tpm2j.core.TpmTransport t;
        if (tpm != null) {
            try {
                t = Tpm.openTransport(tpm);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tpm " + tpm + ": " + e.getMessage(), e);
            }
        } else {
            t = Tpm.openTransport();
        }
        return Tpm.open(transportDecorator.apply(t));
    }

    /** Prints {@code doc} as JSON when --json is set, else {@code text}. */
    void print(PrintWriter out, Map<String, Object> doc, String text) {
        out.println(json ? Json.write(doc) : text);
        out.flush();
    }

    /** One example per command for the help footers (commands that declare their own footer keep it). */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("tpm2j", "tpm2j --tpm sim diagnose"),
            Map.entry("info", "tpm2j info --json"),
            Map.entry("nv-summary", "tpm2j --tpm sim nv-summary"),
            Map.entry("nv-read", "tpm2j nv-read 0x01c00100 --format text"),
            Map.entry("ek-info", "tpm2j ek-info"),
            Map.entry("ek-chain", "tpm2j ek-chain --out chain/"),
            Map.entry("aik-url", "tpm2j aik-url"),
            Map.entry("rc", "tpm2j rc 0x9a2"),
            Map.entry("explain", "tpm2j explain 0x801C0003"),
            Map.entry("credential", "tpm2j credential make --ek-cert ek.der --ak-name 000b… --secret 0102 --out cred"),
            Map.entry("make", "tpm2j credential make --ek-handle 0x81010001 --ak-name 000b… --secret 0102 --out cred"),
            Map.entry("activate", "tpm2j credential activate --ak 0x81000002 --in cred"),
            Map.entry("enroll", "tpm2j --tpm sim enroll"),
            Map.entry("diagnose", "tpm2j diagnose --time-url https://www.microsoft.com"),
            Map.entry("windows-certs", "tpm2j windows-certs --json"),
            Map.entry("startup", "tpm2j --tpm mssim:port=2321 startup --clear"),
            Map.entry("help", "tpm2j help ek-chain"));

    /** Commands that never talk to a TPM, so they neither offer nor accept {@code --tpm}. */
    static final java.util.Set<String> NO_TPM = java.util.Set.of("rc", "explain");

    /** The exit codes every command shares, for the help screens. */
    static final Map<String, String> EXIT_CODES = new java.util.LinkedHashMap<>();

    static {
        EXIT_CODES.put("0", "ok");
        EXIT_CODES.put("1", "a finding: not ready, untrusted, mismatch");
        EXIT_CODES.put("2", "usage error (bad option or value, a command that does not apply here)");
        EXIT_CODES.put("3", "TPM or I/O error, or a missing, unreadable or malformed input file (one line on stderr; "
                + "with --json also a JSON object on stdout)");
    }

    /** The model of a subcommand built in code, around a new instance of it. */
    private static CommandLine.Model.CommandSpec model(Class<?> sub) {
        try {
            return ((CodeModel.Built) CommandFactory.INSTANCE.create(sub)).model();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + sub.getName(), e);
        }
    }

    /** Gives every {@link Subcommand} below {@code cl} the root command and its own spec. */
    private static void wire(Tpm2jCli root, CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof Subcommand s) {
                s.root = root;
                s.spec = sub.getCommandSpec();
            }
            wire(root, sub);
        }
    }

    /**
     * Shows defaults, the exit codes and an example on every command's help screen. The exit codes appear once: a
     * command that lists its own (an exit code list, or a footer line starting "Exit codes:") keeps them, every other
     * command gets {@link #EXIT_CODES}.
     */
    static void polishHelp(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        u.showDefaultValues(true);
        boolean ownFooter = java.util.Arrays.stream(u.footer()).anyMatch(line -> line.startsWith("Exit codes:"));
        if (u.exitCodeList().isEmpty() && !ownFooter) {
            u.exitCodeListHeading("%nExit codes:%n");
            u.exitCodeList(EXIT_CODES);
        }
        String example = EXAMPLES.get(cl.getCommandName());
        if (u.footer().length == 0 && example != null) {
            u.footer("%nExample:", "  " + example);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            polishHelp(sub);
        }
    }

    /**
     * The error as a JSON object, for --json mode: {"error":{"message","exitCode","kind"[,"responseCode","code"]}};
     * kind is usage, refused, tpm (a TPM response code), input (a malformed input file or invalid input) or io.
     */
    static Map<String, Object> errorDocument(Throwable ex, String message, int exit) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("message", message);
        e.put("exitCode", exit);
        e.put("kind", exit == USAGE ? "usage" : exit == FINDING ? "refused" : ex instanceof TpmResponseException ? "tpm"
                : ex instanceof InputFileException || ex instanceof InvalidInputException ? "input" : "io");
        if (ex instanceof TpmResponseException t) {
            e.put("responseCode", t.responseCode().name());
            e.put("code", String.format("0x%08x", t.code()));
        }
        return Map.of("error", e);
    }

    /**
     * Exit code for an exception thrown by a command, by its type alone: an {@link IllegalArgumentException} is a
     * value given on the command line that the CLI or the library it was passed to refused (2, usage); anything else
     * (a TPM conversation or invalid input from the library, an input file that is missing or malformed, an I/O error)
     * is 3.
     */
    static int exitCode(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException ? USAGE
                : TPM_ERROR;
    }

    /**
     * The one-line message for an exception thrown by a command, never a Java class name. The errors the CLI expects
     * (the library's {@link dev.tpm2j.core.Tpm2jException}s, a bad input file, a refused value, an I/O error) carry a
     * message naming the option or file and the problem; an I/O error of the JDK's gets its words from
     * {@link InputFiles#problem}. Anything else is a bug: a fixed line, and the exception goes to the log at DEBUG
     * ({@code TPM2J_LOG=debug} shows it).
     */
    static String message(Throwable ex) {
        if (ex instanceof java.io.UncheckedIOException u && (u.getMessage() == null
                || u.getMessage().equals(String.valueOf(u.getCause())))) {
            return message(u.getCause()); // made from the cause alone: its message is the cause's class name
        }
        String m = ex.getMessage();
        if (ex instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            m = f.getFile() + ": " + InputFiles.problem(f);
        }
        boolean expected = ex instanceof dev.tpm2j.core.Tpm2jException || ex instanceof InputFileException
                || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
                || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof CommandLine.PicocliException;
        if (!expected || m == null || m.isBlank()) {
            System.getLogger("dev.tpm2j.cli").log(System.Logger.Level.DEBUG, "unexpected error", ex);
            return expected && ex instanceof java.io.IOException ? "I/O error without details"
                    : "internal error in tpm2j (please report it; TPM2J_LOG=debug shows the details)";
        }
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** Reports an error: one line on stderr, and with --json a JSON object on stdout. */
    static int report(CommandLine cmd, Throwable ex, String message, int exit) {
        Object top = cmd;
        while (((CommandLine) top).getParent() != null) {
            top = ((CommandLine) top).getParent();
        }
        Object root = ((CommandLine) top).getCommand();
        if (root instanceof Tpm2jCli cli && cli.json) {
            PrintWriter out = cmd.getOut();
            out.println(Json.write(errorDocument(ex, message, exit)));
            out.flush();
        }
        PrintWriter err = cmd.getErr();
        err.println("tpm2j: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        err.flush();
        return exit;
    }

    /**
     * A CommandLine with tpm2j's error handling: one line on stderr naming the option or file (a command-line error
     * points to the command's --help), exit 2 for a bad command-line value, 3 for TPM and I/O errors.
     */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /** {@link #commandLine()} with only {@code subcommands} registered (see {@link SubcommandSelection}). */
    static CommandLine commandLine(java.util.List<Class<?>> subcommands) {
        Tpm2jCli root = new Tpm2jCli();
        CommandLine cl = new CommandLine(root.model(), CommandFactory.INSTANCE);
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(CodeModel.Built.class.isAssignableFrom(sub) ? model(sub) : sub);
        }
        root.spec = cl.getCommandSpec();
        wire(root, cl);
        for (String offline : NO_TPM) { // inherited options reach a subcommand when it is added, so remove it here
            CommandLine sub = cl.getSubcommands().get(offline);
            CommandLine.Model.OptionSpec tpm = sub == null ? null : sub.getCommandSpec().findOption("--tpm");
            if (tpm != null) {
                sub.getCommandSpec().remove(tpm);
            }
        }
        polishHelp(cl);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(cmd, ex, message(ex), exitCode(ex)));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            Object top = cmd;
            while (((CommandLine) top).getParent() != null) {
                top = ((CommandLine) top).getParent();
            }
            if (((CommandLine) top).getCommand() instanceof Tpm2jCli cli && (cli.json || java.util.Arrays.asList(args)
                    .contains("--json"))) {
                cli.json = true;
                return report(cmd, ex, ex.getMessage(), USAGE);
            }
            String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                            Math.min(3, u.getSuggestions().size()))) + "?" : "";
            return report(cmd, ex, ex.getMessage() + hint + " (see: " + cmd.getCommandSpec().qualifiedName()
                    + " --help)", USAGE);
        });
        return cl;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        java.util.List<Class<?>> selected = SubcommandSelection.forArgs(SUBCOMMANDS_BY_NAME, ROOT_OPTIONS, args);
        boolean tpmCommand = selected.size() == 1 && !NO_TPM.contains(nameOf(selected.get(0)));
        if (tpmCommand || Runtime.version().feature() >= 21) { // JDK 21+ logs System.exit through System.Logger
            startLoggingInBackground();
        }
        int exit = commandLine(selected).execute(args);
        if (ArchiveWarmUp.requested()) {
            ArchiveWarmUp.run();
        }
        System.exit(exit);
    }

    private static String nameOf(Class<?> subcommand) {
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS_BY_NAME.entrySet()) {
            if (e.getValue() == subcommand) {
                return e.getKey();
            }
        }
        return "";
    }

    /**
     * Start-up time: the first {@link System.Logger} a run asks for makes the JDK find its logging backend (a
     * service scan of the class path that opens the jar), about a tenth of a short TPM command's run. A command that
     * talks to a TPM asks for one (the library logs); on JDK 21 and later every run does, at {@code System.exit},
     * which the JDK logs. Such a run starts that lookup on a second thread while picocli parses; the code that needs
     * a logger then finds it done (or waits for it: the JDK initialises it once, whichever thread asks first).
     */
    static void startLoggingInBackground() {
        Thread t = new Thread(() -> System.getLogger(CliLoggerFinder.TRACE_LOGGER).isLoggable(System.Logger.Level.TRACE),
                "tpm2j-logging-start");
        t.setDaemon(true);
        t.start();
    }
}

package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.TpmException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code tpm2j}: TPM attestation diagnostics and tools on one command line. Exit codes: 0 ok, 1 a finding (not ready,
 * untrusted, mismatch), 2 usage error, 3 TPM or I/O error.
 */
@Command(name = "tpm2j", mixinStandardHelpOptions = true, versionProvider = Tpm2jCli.Version.class,
        description = "TPM 2.0 EK certificates, the on-die EK chain, AIK enrollment and attestation readiness.")
public final class Tpm2jCli implements Callable<Integer> {
    /** The subcommands in help order; registered in code so a run builds only the one it names (start-up time). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(InfoCommand.class, NvSummaryCommand.class,
            NvReadCommand.class, EkInfoCommand.class, EkChainCommand.class, AikUrlCommand.class, RcCommand.class,
            ExplainCommand.class, CredentialCommand.class, EnrollCommand.class, DiagnoseCommand.class,
            WindowsCertsCommand.class, StartupCommand.class, PcrsCommand.class, QuoteCommand.class,
            VerifyQuoteCommand.class, EventLogCommand.class, AttestKeyCommand.class, CommandLine.HelpCommand.class);

    /** Exit code: ok. */
    public static final int OK = 0;
    /** Exit code: a finding (not ready, untrusted, mismatch). */
    public static final int FINDING = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;
    /** Exit code: TPM or I/O error. */
    public static final int TPM_ERROR = 3;

    @Option(names = "--tpm", scope = ScopeType.INHERIT, paramLabel = "SPEC",
            description = "the TPM: swtpm:host=H,port=P[,timeout=MS] | mssim:host=H,port=P[,startup=1][,timeout=MS] | "
                    + "device:/dev/tpmrm0 | tbs | sim[:profile=intel-odca|discrete|bare] (default: $TPM2J_TPM, "
                    + "$TPM2TOOLS_TCTI, then the platform TPM: tbs on Windows, /dev/tpmrm0 then /dev/tpm0 on Linux)")
    String tpm;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "print one JSON document on stdout (errors too, as {\"error\":{…}})")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    /** Opens the TPM the options name. */
    Tpm openTpm() {
        return Tpm.open(transportDecorator.apply(tpm != null ? Tpm.openTransport(tpm) : Tpm.openTransport()));
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

    /** The exit codes every command shares, for the help screens. */
    static final Map<String, String> EXIT_CODES = new java.util.LinkedHashMap<>();

    static {
        EXIT_CODES.put("0", "ok");
        EXIT_CODES.put("1", "a finding: not ready, untrusted, mismatch");
        EXIT_CODES.put("2", "usage error (bad option or value, a command that does not apply here)");
        EXIT_CODES.put("3", "TPM or I/O error (one line on stderr; with --json also a JSON object on stdout)");
    }

    /** Shows defaults, the exit codes and an example on every command's help screen. */
    static void polishHelp(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        u.showDefaultValues(true);
        if (u.exitCodeList().isEmpty()) {
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

    /** The error as a JSON object, for --json mode: {"error":{"message","exitCode","kind"[,"responseCode","code"]}}. */
    static Map<String, Object> errorDocument(Throwable ex, String message, int exit) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("message", message);
        e.put("exitCode", exit);
        e.put("kind", exit == USAGE ? "usage" : ex instanceof TpmResponseException ? "tpm" : "io");
        if (ex instanceof TpmResponseException t) {
            e.put("responseCode", t.responseCode().name());
            e.put("code", String.format("0x%08x", t.code()));
        }
        return Map.of("error", e);
    }

    /** Exit code for an exception thrown by a command. */
    static int exitCode(Throwable ex) {
        if (ex instanceof IllegalArgumentException && !(ex instanceof NumberFormatException)) {
            return USAGE;
        }
        return TPM_ERROR;
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
        err.println("tpm2j: " + message);
        err.flush();
        return exit;
    }

    /** A CommandLine with tpm2j's error handling: one line on stderr, exit 3 for TPM and I/O errors. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /** {@link #commandLine()} with only {@code subcommands} registered (see {@link SubcommandSelection}). */
    static CommandLine commandLine(java.util.List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new Tpm2jCli());
        subcommands.forEach(cl::addSubcommand);
        NoTpmOption.applyToSubcommands(cl);
        polishHelp(cl);
        routeTraceToStderr(cl);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean known = ex instanceof TpmException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof IllegalStateException
                    || ex instanceof IllegalArgumentException;
            String message = known && ex.getMessage() != null ? ex.getMessage() : ex.toString();
            return report(cmd, ex, message, exitCode(ex));
        });
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
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
            return usage.handleParseException(ex, args);
        });
        return cl;
    }

    /** With TPM2J_TRACE=1, the core's command trace (logger dev.tpm2j.core.trace) goes to stderr, one line each. */
    private static void routeTraceToStderr(CommandLine cl) {
        if (!"1".equals(System.getenv("TPM2J_TRACE"))) {
            return;
        }
        java.util.logging.Logger trace = java.util.logging.Logger.getLogger("dev.tpm2j.core.trace");
        trace.setUseParentHandlers(false);
        trace.setLevel(java.util.logging.Level.ALL);
        trace.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                cl.getErr().println(r.getMessage());
                cl.getErr().flush();
            }

            @Override
            public void flush() {
                cl.getErr().flush();
            }

            @Override
            public void close() {
            }
        });
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine(SubcommandSelection.forArgs(Tpm2jCli.class, SUBCOMMANDS, args)).execute(args));
    }
}

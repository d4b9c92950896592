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
            CredentialCommand.class, EnrollCommand.class, DiagnoseCommand.class, WindowsCertsCommand.class,
            CommandLine.HelpCommand.class);
    public static final int OK = 0;
    public static final int FINDING = 1;
    public static final int USAGE = 2;
    public static final int TPM_ERROR = 3;

    @Option(names = "--tpm", scope = ScopeType.INHERIT, paramLabel = "SPEC",
            description = "swtpm:host=H,port=P | mssim:host=H,port=P | device:/dev/tpmrm0 | tbs | sim "
                    + "(default: $TPM2J_TPM, $TPM2TOOLS_TCTI, then the platform TPM)")
    String tpm;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print one JSON document on stdout")
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

    /** A CommandLine with tpm2j's error handling: one line on stderr, exit 3 for TPM and I/O errors. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /** {@link #commandLine()} with only {@code subcommands} registered (see {@link SubcommandSelection}). */
    static CommandLine commandLine(java.util.List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new Tpm2jCli());
        subcommands.forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof TpmResponseException t) {
                err.println("tpm2j: " + t.getMessage());
                err.flush();
                return TPM_ERROR;
            }
            if (ex instanceof TpmException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof IllegalStateException) {
                err.println("tpm2j: " + ex.getMessage());
                err.flush();
                return TPM_ERROR;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("tpm2j: " + ex.getMessage());
                err.flush();
                return USAGE;
            }
            err.println("tpm2j: " + ex);
            err.flush();
            return TPM_ERROR;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(SubcommandSelection.forArgs(Tpm2jCli.class, SUBCOMMANDS, args)).execute(args));
    }
}

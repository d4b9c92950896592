package dev.tpm2j.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Build tooling, not a user command: runs representative CLI commands one after the other in one JVM, output
 * discarded, so that the start-up archive the build makes next to the runnable jar sees every class and lambda
 * they use (JDK 17: the class list for a static CDS archive; JDK 25+: the training run of an AOT cache, which
 * records one JVM only). Commands without a TPM always run; with {@code --tpm SPEC} (a throw-away simulator), TPM
 * commands run against it too. Exits 0 whatever the commands returned: their work, not their verdict, is the point.
 */
final class StartupTraining {
    private StartupTraining() {
    }

    /** The argument vectors to run: the TPM-less ones, then with {@code tpm} non-null those that need a TPM. */
    static List<String[]> runs(String tpm) {
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[] {"rc", "0x101"});
        runs.add(new String[] {"--json", "rc", "0x9a2"});
        runs.add(new String[] {"explain", "0x801C0003"});
        runs.add(new String[] {"rc", "--help"});
        runs.add(new String[] {"--help"});
        runs.add(new String[] {"--tpm", "swtpm:host=127.0.0.1,port=9", "info"}); // refused: the error path
        if (tpm != null) {
            runs.add(new String[] {"--tpm", tpm, "info"});
            runs.add(new String[] {"--tpm", tpm, "--json", "info"});
            runs.add(new String[] {"--tpm", tpm, "--json", "nv-summary"});
        }
        return runs;
    }

    /** {@code [--tpm SPEC]}: runs {@link #runs} through the same command-line set-up as {@code tpm2j}. */
    public static void main(String[] args) {
        String tpm = args.length == 2 && args[0].equals("--tpm") ? args[1] : null;
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        Tpm2jCli.startLoggingInBackground(); // as tpm2j's main does for a TPM command: its classes are archived too
        for (String[] run : runs(tpm)) {
            picocli.CommandLine cl = Tpm2jCli.commandLine(
                    SubcommandSelection.forArgs(Tpm2jCli.SUBCOMMANDS_BY_NAME, Tpm2jCli.ROOT_OPTIONS, run));
            cl.setOut(discard);
            cl.setErr(discard);
            cl.execute(run);
        }
    }
}

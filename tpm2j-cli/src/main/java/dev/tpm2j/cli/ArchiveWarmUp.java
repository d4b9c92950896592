package dev.tpm2j.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The launchers' first run writes a class-data archive of the classes that run loaded (docs/performance.md "CLI
 * start-up"). So that a later run of another command finds its classes there too, the archiving run (the launcher
 * sets {@code -Dtpm2j.archive=true}) then runs, in the same JVM and with its output discarded, what needs no TPM:
 * every command's help, {@code rc}, {@code explain}, and a refused connection. It costs that one run a few hundred
 * milliseconds and touches nothing outside the JVM.
 */
final class ArchiveWarmUp {
    /** The runs, each an argument vector of the CLI; none talks to a TPM or writes a file. */
    static final List<String[]> RUNS = List.of(
            new String[] {"--help"},
            new String[] {"rc", "0x101"},
            new String[] {"--json", "rc", "0x9a2"},
            new String[] {"explain", "0x801C0003"},
            new String[] {"--json", "explain", "-NoValidEkCert: No valid EK cert found"},
            new String[] {"--tpm", "swtpm:host=127.0.0.1,port=1,timeout=100", "info"},
            new String[] {"nv-read", "not-a-number"});

    private ArchiveWarmUp() {
    }

    /** Whether this JVM is the launcher's archiving run. */
    static boolean requested() {
        return Boolean.getBoolean("tpm2j.archive");
    }

    /** Runs {@link #RUNS} and every command's help, discarding their output; returns how many ran. */
    static int run() {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        int runs = 0;
        for (String[] args : RUNS) {
            runs += execute(nowhere, args);
        }
        for (String name : Tpm2jCli.SUBCOMMANDS_BY_NAME.keySet()) {
            runs += execute(nowhere, name, "--help");
        }
        return runs;
    }

    private static int execute(PrintWriter out, String... args) {
        try {
            picocli.CommandLine cl = Tpm2jCli.commandLine();
            cl.setOut(out);
            cl.setErr(out);
            cl.execute(args);
            return 1;
        } catch (RuntimeException | LinkageError e) {
            return 0; // a warm-up run that fails only leaves its classes out of the archive
        }
    }
}

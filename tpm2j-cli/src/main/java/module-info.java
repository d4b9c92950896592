/**
 * The tpm2j command-line tool. Run from the module path with
 * {@code java -p <jars> -m dev.tpm2j.cli/dev.tpm2j.cli.Tpm2jCli}; the runnable jar (tpm2j.jar) carries the same
 * classes for the class path.
 */
module dev.tpm2j.cli {
    requires dev.tpm2j.ek;
    requires dev.tpm2j.transport;
    requires dev.tpm2j.simulator;
    requires dev.tpm2j.attest;
    requires dev.tpm2j.ca;
    requires dev.tpm2j.diagnose;
    requires info.picocli;
    requires java.net.http;
    // Resolves JNA (optional for the library) so --tpm tbs works from the module path too.
    requires com.sun.jna;

    opens dev.tpm2j.cli to info.picocli;
    // The CLI's logging backend: warnings and the TPM2J_TRACE=1 command trace as single lines on stderr. On the
    // class path only the runnable jar registers it (tpm2j-cli/pom.xml), so the tpm2j-cli jar imposes it on no one.
    provides java.lang.System.LoggerFinder with dev.tpm2j.cli.CliLoggerFinder;
}

package dev.tpm2j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The --trust / --intermediates options shared by the commands that verify EK chains. */
final class TrustOptions {
    @Option(names = "--trust", paramLabel = "FILE|DIR",
            description = "trust anchors: a PEM bundle (the TPM trust bundle format), a directory, or a key store")
    List<Path> anchors = new ArrayList<>();
    @Option(names = "--intermediates", paramLabel = "FILE|DIR", description = "untrusted intermediate CA certificates")
    List<Path> intermediates = new ArrayList<>();
}

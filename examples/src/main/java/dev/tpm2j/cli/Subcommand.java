package dev.tpm2j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every tpm2j subcommand has: the root command (global options, TPM opening, printing) and its own spec. */
abstract class Subcommand {
    @ParentCommand
    Tpm2jCli root;
    @Spec
    CommandSpec spec;
}

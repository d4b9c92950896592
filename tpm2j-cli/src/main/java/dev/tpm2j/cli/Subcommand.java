package dev.tpm2j.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What every tpm2j subcommand has: the root command (global options, TPM opening, printing) and its own spec. Both
 * are set by {@link Tpm2jCli#commandLine} once the model is built, not through picocli's {@code @ParentCommand} and
 * {@code @Spec}: every annotation type picocli reads costs a generated proxy class at start-up.
 */
abstract class Subcommand {
    Tpm2jCli root;
    CommandSpec spec;
}

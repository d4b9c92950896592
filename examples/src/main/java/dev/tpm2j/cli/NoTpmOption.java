package dev.tpm2j.cli;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * For subcommands that never talk to a TPM ({@code rc}, {@code explain}): removes the inherited {@code --tpm} option,
 * so it is neither offered in their help nor accepted after them.
 */
final class NoTpmOption implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        OptionSpec tpm = spec.findOption("--tpm");
        if (tpm != null) {
            spec.remove(tpm);
        }
        return spec;
    }
}

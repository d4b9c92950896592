package dev.tpm2j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    /**
     * Applies the transformer again to {@code parent}'s subcommands that declare it. A subcommand added in code
     * ({@code addSubcommand}) inherits {@code --tpm} only after its model transformer ran, so it is removed here.
     */
    static void applyToSubcommands(CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            Command c = sub.getCommandSpec().userObject().getClass().getAnnotation(Command.class);
            if (c != null && c.modelTransformer() == NoTpmOption.class) {
                new NoTpmOption().transform(sub.getCommandSpec());
            }
        }
    }
}

package dev.tpm2j.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Which subcommands a run must build (start-up time): picocli builds the model of every registered subcommand by
 * reflection before it parses anything, which is most of a short command's run. When the arguments name one
 * subcommand, only that one is needed; whenever that is not certain (no subcommand, an unknown one, {@code help},
 * {@code @file} arguments, {@code --}) every subcommand is built, so help, suggestions and errors are unchanged.
 * The choice reads no annotations: parsing them (and generating their proxy classes) costs as much as building.
 */
final class SubcommandSelection {
    private SubcommandSelection() {
    }

    /**
     * The subcommands to register for {@code args}: the one the first positional argument names, or all of them
     * ({@code byName}'s values, in its order). Before it only {@code rootOptions} may appear (an option that takes a
     * value is skipped with it); anything else there (e.g. the root's {@code --help}, whose usage lists every
     * subcommand) means all.
     */
    static List<Class<?>> forArgs(Map<String, Class<?>> byName, Map<String, Boolean> rootOptions, String[] args) {
        List<Class<?>> all = List.copyOf(byName.values());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@") || a.equals("--")) {
                return all;
            }
            if (a.startsWith("-")) {
                int eq = a.indexOf('=');
                Boolean takesValue = rootOptions.get(eq < 0 ? a : a.substring(0, eq));
                if (takesValue == null) {
                    return all;
                }
                if (takesValue && eq < 0) {
                    i++;
                }
                continue;
            }
            Class<?> named = byName.get(a);
            return named == null || named == CommandLine.HelpCommand.class ? all : List.of(named);
        }
        return all;
    }
}

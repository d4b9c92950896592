package dev.tpm2j.cli;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Which subcommands a run must build (start-up time): picocli builds the model of every registered subcommand by
 * reflection before it parses anything, which is most of a short command's run. When the arguments name one
 * subcommand, only that one is needed; whenever that is not certain (no subcommand, an unknown one, {@code help},
 * {@code @file} arguments, {@code --}) every subcommand is built, so help, suggestions and errors are unchanged.
 */
final class SubcommandSelection {
    private SubcommandSelection() {
    }

    /**
     * The subcommands to register for {@code args}: the one the first positional argument names, or all of them.
     * Before it only the root's own {@code @Option} fields may appear ({@code --tpm SPEC} is skipped with its
     * value); anything else there (e.g. the root's {@code --help}, whose usage lists every subcommand) means all.
     */
    static List<Class<?>> forArgs(Class<?> root, List<Class<?>> all, String[] args) {
        Map<String, Boolean> rootOptions = rootOptions(root);
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
            Class<?> named = byName(all).get(a);
            return named == null || named == CommandLine.HelpCommand.class ? all : List.of(named);
        }
        return all;
    }

    private static Map<String, Class<?>> byName(List<Class<?>> all) {
        Map<String, Class<?>> names = new HashMap<>();
        for (Class<?> c : all) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null) {
                names.put(cmd.name(), c);
                for (String alias : cmd.aliases()) {
                    names.put(alias, c);
                }
            }
        }
        return names;
    }

    /** The names of the root's {@code @Option} fields, each with whether it takes a value (is not boolean). */
    private static Map<String, Boolean> rootOptions(Class<?> root) {
        Map<String, Boolean> names = new HashMap<>();
        for (Field f : root.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                boolean flag = f.getType() == boolean.class || f.getType() == Boolean.class;
                for (String n : o.names()) {
                    names.put(n, !flag);
                }
            }
        }
        return names;
    }
}

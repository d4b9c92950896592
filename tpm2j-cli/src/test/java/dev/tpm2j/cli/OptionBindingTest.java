package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands' picocli models are written in code (CodeModel), where an option bound to the wrong field compiles.
 * For every option and positional parameter of every command: a value set through it is the value read back through
 * it, and no other argument of the command changes (each is bound to a field of its own); and what the help screen
 * shows as the default is the value the command sees when the option is left out.
 */
class OptionBindingTest {

    /** Every command model, the root's and each subcommand's (nested ones too). */
    static List<CommandLine> commands() {
        List<CommandLine> out = new ArrayList<>();
        collect(Tpm2jCli.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    /** Arguments bound through CodeModel (picocli's own help command and --help/--version are not). */
    static List<ArgSpec> bound(CommandSpec spec) {
        List<ArgSpec> out = new ArrayList<>();
        for (ArgSpec a : spec.args()) {
            if (a.getter() instanceof CodeModel.Field<?>) {
                out.add(a);
            }
        }
        return out;
    }

    /** A value of the argument's type that differs from {@code now}. */
    static Object sample(ArgSpec a, Object now, int n) {
        Class<?> type = a.type();
        if (type == boolean.class || type == Boolean.class) {
            return !Boolean.TRUE.equals(now);
        } else if (type == int.class || type == Integer.class) {
            return (now == null ? 0 : (Integer) now) + 1000 + n;
        } else if (type == String.class) {
            return "value-" + n;
        } else if (type == Path.class) {
            return Path.of("file-" + n);
        } else if (type == Instant.class) {
            return Instant.parse("2020-01-01T00:00:00Z").plusSeconds(n);
        } else if (type == List.class) {
            Class<?> element = a.auxiliaryTypes()[0];
            return List.of(element == Path.class ? Path.of("file-" + n) : "value-" + n);
        }
        throw new AssertionError(a + " has a type this test does not know: " + type + "; teach it a sample");
    }

    @Test
    void everyArgumentIsBoundToAFieldOfItsOwn() {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (CommandLine cl : commands()) {
            List<ArgSpec> args = bound(cl.getCommandSpec());
            for (int i = 0; i < args.size(); i++) {
                ArgSpec a = args.get(i);
                Map<ArgSpec, Object> before = new IdentityHashMap<>();
                args.forEach(x -> before.put(x, x.getValue()));
                Object value = sample(a, before.get(a), i);
                a.setValue(value);
                if (!Objects.equals(value, a.getValue())) {
                    wrong.add(cl.getCommandName() + " " + a + ": set " + value + ", read " + a.getValue());
                }
                for (ArgSpec other : args) {
                    if (other != a && !Objects.equals(before.get(other), other.getValue())) {
                        wrong.add(cl.getCommandName() + " " + a + " also changed " + other);
                    }
                }
                a.setValue(before.get(a));
                checked++;
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(checked >= 45, "arguments checked: " + checked);
    }

    @Test
    void theDefaultTheHelpShowsIsTheValueACommandSees() throws Exception {
        List<String> wrong = new ArrayList<>();
        // an option without a declared default: help shows its initial value, which must be the field's value
        for (CommandLine cl : commands()) {
            for (ArgSpec a : bound(cl.getCommandSpec())) {
                if (a.defaultValue() == null && !Objects.equals(a.initialValue(), a.getValue())) {
                    wrong.add(cl.getCommandName() + " " + a + ": help shows " + a.defaultValueString()
                            + ", field holds " + a.getValue());
                }
            }
        }
        // an option with a declared default: left out of a command line, the field holds that default
        int withDefault = 0;
        int commandCount = commands().size();
        for (int c = 0; c < commandCount; c++) {
            List<ArgSpec> args = bound(commands().get(c).getCommandSpec());
            for (int i = 0; i < args.size(); i++) {
                CommandLine cl = commands().get(c); // a fresh model for each option
                ArgSpec a = bound(cl.getCommandSpec()).get(i);
                if (a.defaultValue() == null) {
                    continue;
                }
                withDefault++;
                a.setValue(sample(a, a.getValue(), 0)); // something else, so applying the default must change it
                applyDefault(cl, a);
                Object expected = convert(cl, a, a.defaultValue());
                if (!Objects.equals(expected, a.getValue())) {
                    wrong.add(cl.getCommandName() + " " + a + ": help shows " + a.defaultValueString()
                            + ", command sees " + a.getValue());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(withDefault >= 5, "options with a declared default: " + withDefault);
    }

    /** Parses, from the root, a command line for {@code cl} that leaves {@code a} out, so picocli applies its default. */
    private static void applyDefault(CommandLine cl, ArgSpec a) {
        List<String> args = new ArrayList<>();
        CommandLine root = cl;
        while (root.getParent() != null) {
            args.add(0, root.getCommandName());
            root = root.getParent();
        }
        for (ArgSpec other : bound(cl.getCommandSpec())) {
            if (other.required() && other != a) {
                if (other.isOption()) {
                    args.add(((CommandLine.Model.OptionSpec) other).longestName());
                }
                args.add(other.type() == Path.class ? "file" : "0x1");
            }
        }
        try {
            root.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            // an exclusive group may demand one member; defaults are applied before that check
        }
    }

    private static Object convert(CommandLine cl, ArgSpec a, String text) throws Exception {
        if (a.type() == String.class) {
            return text;
        } else if (a.type() == int.class || a.type() == Integer.class) {
            return Integer.valueOf(text);
        } else if (a.type() == boolean.class) {
            return Boolean.valueOf(text);
        } else if (a.type() == Path.class) {
            return Path.of(text);
        }
        throw new AssertionError(cl.getCommandName() + " " + a + ": no conversion for " + a.type());
    }

    @Test
    void theSampleValuesDiffer() {
        // the binding test is only as strong as its samples: each differs from the value it replaces
        for (CommandLine cl : commands()) {
            List<ArgSpec> args = bound(cl.getCommandSpec());
            for (int i = 0; i < args.size(); i++) {
                ArgSpec a = args.get(i);
                assertTrue(!Objects.equals(a.getValue(), sample(a, a.getValue(), i)), cl.getCommandName() + " " + a);
            }
        }
        assertTrue(commands().size() > Tpm2jCli.SUBCOMMANDS_BY_NAME.size(), "the root and every subcommand");
    }
}

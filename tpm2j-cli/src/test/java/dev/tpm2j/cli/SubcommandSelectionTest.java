package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The start-up shortcut (build only the subcommand the arguments name) changes nothing a user sees: for each argument
 * vector the reduced command line prints the same stdout and stderr and exits with the same code as the full one;
 * and the shortcut is really taken where it can be.
 */
class SubcommandSelectionTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<Class<?>> selected(String... args) {
        return SubcommandSelection.forArgs(Tpm2jCli.SUBCOMMANDS_BY_NAME, Tpm2jCli.ROOT_OPTIONS, args);
    }

    @Test
    void theNameTableMatchesTheCommandModels() throws Exception {
        for (Map.Entry<String, Class<?>> e : Tpm2jCli.SUBCOMMANDS_BY_NAME.entrySet()) {
            if (e.getValue() == CommandLine.HelpCommand.class) { // picocli's own, the only annotated command left
                CommandLine.Command command = e.getValue().getAnnotation(CommandLine.Command.class);
                assertEquals(e.getKey(), command.name(), "name of " + e.getValue());
                assertEquals(0, command.aliases().length, "aliases of " + e.getValue() + " would need entries too");
            } else {
                CommandSpec model = ((CodeModel.Built) CommandFactory.INSTANCE.create(e.getValue())).model();
                assertEquals(e.getKey(), model.name(), "name of " + e.getValue());
                assertEquals(0, model.aliases().length, "aliases of " + e.getValue() + " would need entries too");
            }
        }
        // Every subcommand the full command line registers is in the table, under the name picocli gives it.
        assertEquals(List.copyOf(Tpm2jCli.commandLine().getSubcommands().keySet()),
                List.copyOf(Tpm2jCli.SUBCOMMANDS_BY_NAME.keySet()));
    }

    /**
     * No tpm2j command (nor the trust options they share) carries picocli annotations any more: every one is built
     * in code, so a run reads no annotations (start-up time); only picocli's own {@code help} command is annotated.
     */
    @Test
    void everyTpm2jCommandIsBuiltInCode() {
        List<Class<?>> classes = new java.util.ArrayList<>(List.of(TrustOptions.class));
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(Tpm2jCli.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            if (cl.getCommand() != null && cl.getCommand().getClass() != CommandLine.HelpCommand.class) {
                classes.add(cl.getCommand().getClass());
            }
        }
        assertEquals(22, classes.size(), "TrustOptions, the root, 18 subcommands and credential's make and activate");
        for (Class<?> c : classes) {
            assertEquals(List.of(), picocliAnnotations(c.getDeclaredAnnotations()), c.getName());
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                assertEquals(List.of(), picocliAnnotations(f.getDeclaredAnnotations()), c.getName() + "." + f.getName());
            }
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                assertEquals(List.of(), picocliAnnotations(m.getDeclaredAnnotations()), c.getName() + "." + m.getName());
            }
        }
    }

    private static List<String> picocliAnnotations(java.lang.annotation.Annotation[] annotations) {
        return java.util.Arrays.stream(annotations).map(a -> a.annotationType().getName())
                .filter(n -> n.startsWith("picocli.")).toList();
    }

    @Test
    void theRootOptionTableMatchesTheRootModel() {
        Map<String, Boolean> fromModel = new HashMap<>();
        for (OptionSpec o : new Tpm2jCli().model().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                for (String n : o.names()) {
                    fromModel.put(n, o.arity().max() > 0);
                }
            }
        }
        assertEquals(fromModel, Tpm2jCli.ROOT_OPTIONS);
    }

    @Test
    void sameOutputAndExitCodeAsTheFullCommandLine() {
        String[][] vectors = {
            {"rc", "0x101"},
            {"--json", "rc", "0x9a2"},
            {"rc", "--json", "0x9a2"},
            {"rc", "0x80280400"},
            {"rc", "--help"},
            {"rc"},
            {"rc", "not-a-number"},
            {"rc", "0x101", "--no-such-option"},
            {"--tpm", "swtpm:host=127.0.0.1,port=9", "info"},
            {"--tpm=swtpm:host=127.0.0.1,port=9", "--json", "info"},
            {"credential", "--help"},
            {"credential", "make", "--help"},
            {"help", "rc"},
            {"--help"},
            {"--help", "rc"},
            {"--version"},
            {},
            {"--json"},
            {"no-such-command"},
            {"--", "rc", "0x101"},
        };
        for (String[] args : vectors) {
            Run full = run(Tpm2jCli.commandLine(), args);
            Run reduced = run(Tpm2jCli.commandLine(selected(args)), args);
            String what = String.join(" ", args);
            assertEquals(full.exit(), reduced.exit(), "exit code of: " + what);
            assertEquals(full.out(), reduced.out(), "stdout of: " + what);
            assertEquals(full.err(), reduced.err(), "stderr of: " + what);
        }
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltWhenTheArgumentsSaySo() {
        assertEquals(List.of(RcCommand.class), selected("rc", "0x101"));
        assertEquals(List.of(RcCommand.class), selected("--json", "rc", "0x101"));
        assertEquals(List.of(InfoCommand.class), selected("--tpm", "swtpm:host=h,port=1", "info"));
        assertEquals(List.of(InfoCommand.class), selected("--tpm=swtpm:host=h,port=1", "info"));
        assertEquals(List.of(CredentialCommand.class), selected("credential", "make", "--help"));
        // The value of --tpm is not mistaken for a subcommand.
        assertEquals(List.of(RcCommand.class), selected("--tpm", "info", "rc", "1"));
        // Whenever the help of the root or of picocli's help command may be printed, everything is built.
        assertEquals(Tpm2jCli.SUBCOMMANDS, selected());
        assertEquals(Tpm2jCli.SUBCOMMANDS, selected("--help", "rc"));
        assertEquals(Tpm2jCli.SUBCOMMANDS, selected("help", "rc"));
        assertEquals(Tpm2jCli.SUBCOMMANDS, selected("no-such-command"));
        assertEquals(Tpm2jCli.SUBCOMMANDS, selected("@args.txt"));
        assertNotEquals(1, Tpm2jCli.SUBCOMMANDS.size());
    }
}

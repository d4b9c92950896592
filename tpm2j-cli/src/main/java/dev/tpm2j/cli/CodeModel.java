package dev.tpm2j.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli models written in code instead of read from annotations, for the root and every tpm2j command (start-up
 * time, README "Performance"): reading annotations costs a generated proxy class per annotation type, their parsing,
 * and a reflective scan of every field and method, together about a third of a short run. A command built this way
 * implements {@link Built}; its help, parsing and errors are the same as picocli's annotation model gives (only
 * picocli's own {@code help} command is still read from its annotations).
 */
final class CodeModel {
    private CodeModel() {
    }

    /** A command whose picocli model is built in code. */
    interface Built {
        /** This command's model, bound to this instance. */
        CommandSpec model();
    }

    /**
     * The model of {@code command}: its name, description paragraphs and the standard {@code -h, --help} and
     * {@code -V, --version} options (what {@code mixinStandardHelpOptions = true} adds, with the same texts).
     */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command, CommandFactory.INSTANCE);
        spec.name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                .description("Print version information and exit.").build());
        return spec;
    }

    /**
     * An option of {@code type} named {@code names}, bound to a field of its command read and written through get/set;
     * the field's value now is the option's initial value (picocli restores it before each parse, as for a field).
     */
    static <V> OptionSpec.Builder option(Class<V> type, Supplier<V> get, Consumer<V> set, String... names) {
        Field<V> field = new Field<>(get, set);
        return OptionSpec.builder(names).type(type).getter(field).setter(field).initialValue(get.get());
    }

    /**
     * A repeatable option whose values of type {@code element} are collected in a list field, bound like
     * {@link #option}; a {@code null} field gets a new list on the first value (as for an annotated {@code List} field).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <E> OptionSpec.Builder list(Class<E> element, Supplier<List<E>> get, Consumer<List<E>> set, String... names) {
        return option((Class<List<E>>) (Class) List.class, get, set, names).auxiliaryTypes(element);
    }

    /**
     * Adds to {@code spec} a group of mutually exclusive {@code options} (what {@code @ArgGroup(exclusive = true)}
     * declares), with {@code multiplicity} "1" when one of them is required and "0..1" when all may be left out. The
     * options stay bound to their command's fields, so the group needs no object of its own; since picocli resets
     * only options outside groups before a parse (a group resets by making a new object), the command's preprocessor
     * puts these back to their initial values whenever the command is parsed, so a reused command line never carries
     * a group option over from an earlier run.
     */
    static void exclusive(CommandSpec spec, String multiplicity, OptionSpec... options) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().exclusive(true).multiplicity(multiplicity);
        for (OptionSpec o : options) {
            group.addArg(o);
        }
        spec.addArgGroup(group.build());
        CommandLine.IParameterPreprocessor before = spec.preprocessor();
        spec.preprocessor((args, commandSpec, argSpec, info) -> {
            for (OptionSpec o : options) {
                o.setValue(o.initialValue());
            }
            return before.preprocess(args, commandSpec, argSpec, info);
        });
    }

    /**
     * Adds {@code sub} as a subcommand of {@code parent} under its own name, through {@link CommandFactory} (picocli's
     * {@code CommandSpec.addSubcommand(String, CommandSpec)} would use its default factory).
     */
    static void subcommand(CommandSpec parent, CommandSpec sub) {
        parent.addSubcommand(sub.name(), new CommandLine(sub, CommandFactory.INSTANCE));
    }

    /**
     * A positional parameter of {@code type}, bound like {@link #option}: one required value, as picocli's annotation
     * model has it, unless the caller sets another arity (and {@code required(false)}).
     */
    static <V> PositionalParamSpec.Builder positional(Class<V> type, Supplier<V> get, Consumer<V> set) {
        Field<V> field = new Field<>(get, set);
        return PositionalParamSpec.builder().arity("1").required(true).type(type).getter(field).setter(field).initialValue(get.get());
    }

    /** An option's or parameter's field, for picocli's getter and setter (no reflection). */
    static final class Field<V> implements IGetter, ISetter {
        private final Supplier<V> get;
        private final Consumer<V> set;

        private Field(Supplier<V> get, Consumer<V> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) get.get();
            set.accept((V) value);
            return old;
        }
    }
}

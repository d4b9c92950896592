package dev.tpm2j.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * Creates the CLI's commands, version provider and option collections for picocli. picocli's own default factory
 * does the same but first probes the class path for Groovy, a failed lookup that opens and scans the jar on every
 * start (start-up time, README "Performance"); this one only knows the classes picocli asks the CLI for.
 */
enum CommandFactory implements CommandLine.IFactory {
    /** The factory. */
    INSTANCE;

    @Override
    @SuppressWarnings("unchecked")
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.isInterface()) {
            return (K) collection(cls);
        }
        var constructor = cls.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    /** An empty mutable collection for an option of interface type {@code cls}. */
    private static Object collection(Class<?> cls) throws Exception {
        if (cls == List.class || cls == Collection.class) {
            return new ArrayList<>();
        }
        if (cls == SortedSet.class) {
            return new TreeSet<>();
        }
        if (cls == Set.class) {
            return new LinkedHashSet<>();
        }
        if (cls == SortedMap.class) {
            return new TreeMap<>();
        }
        if (cls == Map.class) {
            return new LinkedHashMap<>();
        }
        return CommandLine.defaultFactory().create(cls);
    }
}

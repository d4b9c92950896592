package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's module table is the layer diagram, checked against every module's {@code module-info.java}: each
 * published module has a row; a row's "runtime dependencies" are exactly the module's {@code requires} (tpm2j modules
 * by artifact name, third-party libraries by name); and a module requires only modules in rows above its own, so no
 * module imports one above it.
 */
class ModuleGraphTest {
    /** Third-party JPMS module name prefixes and how the README names them. */
    static final Map<String, String> LIBRARIES = Map.of("org.bouncycastle.", "Bouncy Castle", "info.picocli",
            "picocli", "com.sun.jna", "JNA", "org.junit.", "JUnit 5");
    static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    static final Pattern REQUIRES = Pattern.compile("\\brequires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;");

    record Descriptor(String artifact, String name, Set<String> requires) {
    }

    static Map<String, Descriptor> descriptors() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(pom);
        Map<String, Descriptor> out = new LinkedHashMap<>();
        while (m.find()) {
            Path info = Path.of("..", m.group(1), "src", "main", "java", "module-info.java");
            if (!Files.isRegularFile(info)) {
                continue;
            }
            String text = Files.readString(info).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher name = MODULE.matcher(text);
            assertTrue(name.find(), info + " declares a module");
            Set<String> requires = new TreeSet<>();
            Matcher r = REQUIRES.matcher(text);
            while (r.find()) {
                requires.add(r.group(1));
            }
            out.put(m.group(1), new Descriptor(m.group(1), name.group(1), requires));
        }
        return out;
    }

    /** The README's module table: artifact name to its "runtime dependencies" cell, in row order. */
    static Map<String, String> readmeTable() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("| module | what | runtime dependencies |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.put(cells[1].strip().replace("`", ""), cells[cells.length - 1].strip());
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        return rows;
    }

    @Test
    void everyPublishedModuleHasARowAndItsDependenciesAreItsRequires() throws Exception {
        Map<String, Descriptor> modules = descriptors();
        Map<String, String> table = readmeTable();
        assertTrue(modules.size() >= 11, "module descriptors found: " + modules.keySet());
        Map<String, String> artifactOf = new LinkedHashMap<>();
        modules.values().forEach(d -> artifactOf.put(d.name(), d.artifact()));
        List<String> wrong = new ArrayList<>();
        for (Descriptor d : modules.values()) {
            String cell = table.get(d.artifact());
            if (cell == null) {
                wrong.add(d.artifact() + ": no row in README's module table");
                continue;
            }
            Set<String> expected = new TreeSet<>();
            for (String req : d.requires()) {
                if (artifactOf.containsKey(req)) {
                    expected.add(artifactOf.get(req));
                } else {
                    LIBRARIES.entrySet().stream().filter(e -> req.startsWith(e.getKey())).findFirst()
                            .ifPresent(e -> expected.add(e.getValue()));
                }
            }
            Set<String> listed = new TreeSet<>();
            for (String item : cell.split(",")) {
                String dep = item.replaceAll("\\(.*", "").strip();
                if (!dep.isEmpty() && !dep.equals("JDK only") && !dep.equals("—")) {
                    listed.add(dep);
                }
            }
            if (!expected.equals(listed)) {
                wrong.add(d.artifact() + ": README lists " + listed + ", module-info requires " + expected);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noModuleRequiresOneInARowBelowItsOwn() throws Exception {
        Map<String, Descriptor> modules = descriptors();
        List<String> order = new ArrayList<>(readmeTable().keySet());
        Map<String, String> artifactOf = new LinkedHashMap<>();
        modules.values().forEach(d -> artifactOf.put(d.name(), d.artifact()));
        List<String> upward = new ArrayList<>();
        for (Descriptor d : modules.values()) {
            int own = order.indexOf(d.artifact());
            for (String req : d.requires()) {
                String dep = artifactOf.get(req);
                if (dep != null && order.indexOf(dep) >= own) {
                    upward.add(d.artifact() + " requires " + dep + ", which is not above it");
                }
            }
        }
        assertTrue(upward.isEmpty(), String.join("\n", upward));
    }

    @Test
    void theEkModuleNoLongerRequiresAttestationAndLibrariesNeverTheCli() throws Exception {
        Map<String, Descriptor> modules = descriptors();
        assertFalse(modules.get("tpm2-ek").requires().contains("dev.tpm2j.attest"), "tpm2-ek requires tpm2-attest");
        for (Descriptor d : modules.values()) {
            assertFalse(d.requires().contains("dev.tpm2j.cli"), d.artifact() + " requires the CLI");
            assertFalse(d.requires().contains("dev.tpm2j.examples"), d.artifact() + " requires the examples");
        }
        assertEquals("dev.tpm2j.cli", modules.get("tpm2j-cli").name());
    }
}

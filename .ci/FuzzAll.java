import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The coverage-guided fuzzing campaign behind {@code mvn -Pfuzz verify} (run by the exec plugin in each module, in
 * source-file mode, with the module's test classpath). Jazzer fuzzes one {@code @FuzzTest} per JVM, so this
 * driver finds every {@code @FuzzTest} method in the module's *FuzzTest classes and runs each in its own child JVM
 * with {@code JAZZER_FUZZ=1} for {@code seconds} seconds. New corpus entries go to
 * {@code <module>/.cifuzz-corpus/} (not committed); a finding is written by Jazzer into the target's committed
 * inputs directory under src/test/resources, where the regression run picks it up. Prints and writes a table:
 * target, seconds, executions, coverage (libFuzzer cov/ft), corpus size, finding.
 *
 * <p>Usage: {@code java -cp <test classpath> FuzzAll.java <this file> <module dir> <test-classes dir> <seconds>
 * <report> [<regex over Class#method>]}. JDK only (modules without tests have no JUnit on their classpath);
 * each child runs {@code FuzzOne.java <class> <method>} beside it.
 */
public class FuzzAll {
    private static final Pattern STATS = Pattern.compile(
            "^#(\\d+)\\s+\\S+\\s+cov: (\\d+) ft: (\\d+) corp: (\\d+)/");
    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs in (\\d+) second");

    private static Path self;
    private static Path driverClasses;

    public static void main(String[] args) throws Exception {
        self = Path.of(args[0]).toAbsolutePath();
        Path module = Path.of(args[1]);
        Path testClasses = Path.of(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path report = Path.of(args[4]);
        String only = args.length > 5 ? args[5] : "";
        List<String[]> targets = targets(testClasses, only);
        if (targets.isEmpty()) {
            System.out.println("fuzz campaign: no @FuzzTest in " + module);
            return;
        }
        // compile the child launcher once (not once per target in source-file mode)
        driverClasses = report.getParent().resolve("fuzz-driver");
        Files.createDirectories(driverClasses);
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
                driverClasses.toString(), "-cp", System.getProperty("java.class.path"),
                self.resolveSibling("FuzzOne.java").toString());
        if (rc != 0) {
            throw new IllegalStateException("FuzzOne.java did not compile");
        }
        StringBuilder table = new StringBuilder("| target | seconds | executions | cov / ft | corpus (committed + new) | finding |\n"
                + "|---|---|---|---|---|---|\n");
        int jobs = Integer.getInteger("tpm2j.fuzz.jobs", 1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        List<java.util.concurrent.Future<String>> rows = new ArrayList<>();
        Files.createDirectories(report.getParent());
        Files.writeString(report, table.toString());
        for (String[] t : targets) {
            rows.add(pool.submit(() -> {
                String row = fuzz(module, t[0], t[1], seconds);
                synchronized (FuzzAll.class) {
                    System.out.println(row);
                    Files.writeString(report, row + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
                return row;
            }));
        }
        int failures = 0;
        for (java.util.concurrent.Future<String> f : rows) {
            String row = f.get();
            failures += row.contains("| none |") ? 0 : 1;
            table.append(row).append('\n');
        }
        pool.shutdown();
        System.out.println(table);
        System.out.printf("fuzz campaign: %d targets, %d with findings; report in %s%n", targets.size(), failures,
                report);
        System.exit(failures == 0 || !Boolean.parseBoolean(System.getProperty("tpm2j.fuzz.failOnFinding", "true"))
                ? 0 : 1);
    }

    static List<String[]> targets(Path testClasses, String only) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isDirectory(testClasses)) {
            return out;
        }
        List<Path> classes;
        try (Stream<Path> s = Files.walk(testClasses)) {
            classes = s.filter(p -> p.getFileName().toString().endsWith("FuzzTest.class")).sorted().toList();
        }
        for (Path p : classes) {
            String name = testClasses.relativize(p).toString().replace(File.separatorChar, '.');
            name = name.substring(0, name.length() - ".class".length());
            try {
                Class<?> c = Class.forName(name, false, FuzzAll.class.getClassLoader());
                List<String> methods = new ArrayList<>();
                for (Method m : c.getDeclaredMethods()) {
                    if (Stream.of(m.getAnnotations()).anyMatch(a -> a.annotationType().getName()
                            .equals("com.code_intelligence.jazzer.junit.FuzzTest"))) {
                        methods.add(m.getName());
                    }
                }
                methods.sort(null);
                for (String m : methods) {
                    if (only.isEmpty() || (c.getSimpleName() + "#" + m).matches(only)) {
                        out.add(new String[] {name, m});
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is not on the test classpath", e);
            }
        }
        return out;
    }

    static String fuzz(Path module, String className, String method, int seconds) throws Exception {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + driverClasses,
                "-XX:+UseSerialGC",
                "-Djazzer.max_duration=" + seconds + "s",
                "-Djazzer.internal.basedir=" + module.toAbsolutePath(),
                "-Djazzer.instrumentation_includes=dev.tpm2j.**",
                "-Djazzer.custom_hook_includes=dev.tpm2j.**",
                "-Djunit.jupiter.extensions.autodetection.enabled=false",
                "FuzzOne", className, method));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(module.toFile()).redirectErrorStream(true);
        pb.environment().put("JAZZER_FUZZ", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        long execs = 0;
        String cov = "?";
        long corpus = 0;
        List<String> tail = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = STATS.matcher(line);
                if (m.find()) {
                    execs = Math.max(execs, Long.parseLong(m.group(1)));
                    cov = m.group(2) + " / " + m.group(3);
                    corpus = Long.parseLong(m.group(4));
                }
                Matcher d = DONE.matcher(line);
                if (d.find()) {
                    execs = Math.max(execs, Long.parseLong(d.group(1)));
                }
                tail.add(line);
                if (tail.size() > 60) {
                    tail.remove(0);
                }
            }
        }
        int rc = p.waitFor();
        long took = (System.nanoTime() - t0) / 1_000_000_000L;
        String finding = "none";
        if (rc != 0) {
            String crash = tail.stream().filter(l -> l.contains("Test unit written to")).findFirst()
                    .map(l -> " → " + l.substring(l.lastIndexOf('/') + 1)).orElse("");
            finding = tail.stream().filter(l -> l.contains("=> ") || l.contains("Caused by"))
                    .findFirst().orElse("exit " + rc).trim().replace('|', '/') + crash;
            System.out.println(String.join("\n", tail));
        }
        return String.format(Locale.ROOT, "| %s#%s | %d | %,d | %s | %d | %s |", simple, method, took, execs, cov,
                corpus, finding);
    }
}

package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.simulator.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution zip {@code mvn package} builds (tpm2j-cli/target/tpm2j-VERSION.zip, README "Download and run"):
 * what it holds and with which modes, its {@code tpm2j.cmd} read and run by {@link CmdScript} (there is no Windows
 * here) for every way it can find java, and its {@code tpm2j} launcher run from the unzipped folder — a path with a
 * space — against the JVM running this test.
 */
class DistributionTest {
    static final String BASE = "tpm2j-" + System.getProperty("tpm2j.version", "missing") + "/";
    static final List<String> FILES = List.of("tpm2j.jar", "tpm2j.cmd", "tpm2j", "README.md", "LICENSE");

    static Path zip() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path z = p.resolve("tpm2j-cli/target").resolve(BASE.substring(0, BASE.length() - 1) + ".zip");
            if (Files.isRegularFile(z)) {
                return z;
            }
        }
        return fail("tpm2j-cli/target/" + BASE.replace("/", ".zip") + " is missing: build it with mvn -B package");
    }

    /** Unix modes of the zip's entries, from the external attributes of its central directory (made on unix). */
    static Map<String, Integer> unixModes(Path zip) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int end = b.limit() - 22;
        while (end >= 0 && b.getInt(end) != 0x06054b50) {
            end--;
        }
        assertTrue(end >= 0, "no end of central directory record");
        int entries = b.getShort(end + 10) & 0xffff;
        int at = b.getInt(end + 16);
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            assertEquals(0x02014b50, b.getInt(at), "central directory entry " + i);
            int madeBy = (b.getShort(at + 4) & 0xffff) >>> 8;
            int nameLength = b.getShort(at + 28) & 0xffff;
            int extra = b.getShort(at + 30) & 0xffff;
            int comment = b.getShort(at + 32) & 0xffff;
            int external = b.getInt(at + 38);
            byte[] name = new byte[nameLength];
            b.get(at + 46, name);
            assertEquals(3, madeBy, "entry made on unix, so it carries a unix mode");
            modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            at += 46 + nameLength + extra + comment;
        }
        return modes;
    }

    @Test
    void theZipHoldsTheJarBothLaunchersTheReadmeExcerptAndTheLicenceWithTheirModes() throws Exception {
        Map<String, Integer> modes = unixModes(zip());
        List<String> expected = new ArrayList<>(List.of(BASE));
        FILES.forEach(f -> expected.add(BASE + f));
        assertEquals(Set.copyOf(expected), modes.keySet());
        assertEquals(0755, modes.get(BASE + "tpm2j"), "the sh launcher is executable once unzipped");
        assertEquals(0644, modes.get(BASE + "tpm2j.jar"));
        try (ZipFile z = new ZipFile(zip().toFile())) {
            assertArrayEquals(Files.readAllBytes(RunnableJarTest.jar()), bytes(z, "tpm2j.jar"),
                    "the zip holds the finished runnable jar (with the rebuilt picocli)");
            Path root = RunnableJarTest.jar().getParent().getParent().getParent();
            assertArrayEquals(Files.readAllBytes(root.resolve("LICENSE")), bytes(z, "LICENSE"));
            assertArrayEquals(Files.readAllBytes(root.resolve("tpm2j")), bytes(z, "tpm2j"), "the root's launcher");
            String readme = normalized(Files.readString(root.resolve("README.md")));
            String excerpt = new String(bytes(z, "README.md"), StandardCharsets.UTF_8);
            assertTrue(excerpt.contains("## Download and run") && excerpt.contains("## On Windows")
                    && excerpt.contains("jna.boot.library.path"), excerpt);
            // every paragraph after the excerpt's own heading and note is the README's, word for word
            String[] paragraphs = excerpt.split("\n\n");
            for (int i = 2; i < paragraphs.length; i++) {
                assertTrue(readme.contains(normalized(paragraphs[i])), "not in README.md: " + paragraphs[i]);
            }
        }
    }

    private static byte[] bytes(ZipFile z, String name) throws IOException {
        ZipEntry e = z.getEntry(BASE + name);
        try (InputStream in = z.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static String normalized(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    static CmdScript cmd() throws IOException {
        try (ZipFile z = new ZipFile(zip().toFile())) {
            return new CmdScript(new String(bytes(z, "tpm2j.cmd"), StandardCharsets.UTF_8));
        }
    }

    static final String DIR = "C:\\Users\\Jane Admin\\Downloads\\tpm2j (1)\\";
    static final String JAR = DIR + "tpm2j.jar";
    static final String JDK = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.13.11-hotspot";
    static final String PATH_JAVA = "C:\\Program Files (x86)\\Common Files\\Oracle\\Java\\javapath";

    /** The structure cmd.exe needs: CRLF, @echo off, setlocal, every goto target defined, no multi-line blocks. */
    @Test
    void theCmdLauncherIsWellFormed() throws Exception {
        CmdScript s = cmd(); // refuses a file that is not CRLF throughout
        List<String> lines = s.lines();
        assertEquals("@echo off", lines.get(0));
        assertTrue(lines.contains("setlocal"), "variables stay local to the launcher");
        for (String l : lines) {
            String code = l.strip().toLowerCase(java.util.Locale.ROOT);
            if (code.startsWith("rem ") || code.isEmpty()) {
                continue;
            }
            assertTrue(!code.endsWith("(") && !code.startsWith(")"), "no parenthesised block (a ')' in a path "
                    + "expanded inside one ends it early): " + l);
            if (code.startsWith("goto ")) {
                assertTrue(s.labels().contains(code.substring(6)), "goto target defined: " + l);
            }
            if (code.startsWith("exit")) {
                assertTrue(code.startsWith("exit /b "), "exit /b, so a calling cmd window stays open: " + l);
            }
            for (String var : List.of("%~dp0", "%TPM2J_JAR%", "%TPM2J_JAVA%", "%TPM2J_JAVA_HOME%", "%JAVA_HOME")) {
                int i = l.indexOf(var);
                while (i >= 0) {
                    long quotesBefore = l.substring(0, i).chars().filter(c -> c == '"').count();
                    assertEquals(1, quotesBefore % 2, var + " (a path, maybe with spaces) is quoted: " + l);
                    i = l.indexOf(var, i + 1);
                }
            }
        }
        int javaLines = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("\"%TPM2J_JAVA%\"")) {
                javaLines++;
                assertTrue(lines.get(i).endsWith(" -cp \"%TPM2J_JAR%\" dev.tpm2j.cli.Tpm2jCli %*"),
                        "the jar, the main class, then every argument: " + lines.get(i));
                assertEquals("exit /b %ERRORLEVEL%", lines.get(i + 1), "java's exit code is the launcher's");
            }
        }
        assertEquals(3, javaLines, "java started three ways: making the archive, with it, without one");
        assertTrue(lines.contains("set \"TPM2J_JAR=%~dp0tpm2j.jar\""), "the jar beside the launcher");
    }

    /** JAVA_HOME wins over PATH; the jar is taken relative to the script; arguments and the exit code pass through. */
    @Test
    void theCmdLauncherRunsJavaFromJavaHomeWithTheJarBesideItAndEveryArgument() throws Exception {
        CmdScript s = cmd();
        Set<String> files = Set.of(JAR, JDK + "\\bin\\java.exe", PATH_JAVA + "\\java.exe");
        Map<String, String> env = Map.of("JAVA_HOME", JDK, "Path", "C:\\Windows\\system32;" + PATH_JAVA);
        String args = "--json explain \"-NoValidEkCert: No valid EK cert found\"";
        CmdScript.Run r = s.run(DIR, args, env, files, 1);
        assertEquals(1, r.exit(), "tpm2j's exit code comes back");
        assertEquals(List.of(), r.stderr());
        List<String> argv = CmdScript.argv(r.started());
        assertEquals(JDK + "\\bin\\java.exe", argv.get(0));
        int jar = argv.indexOf("-cp");
        assertEquals(JAR, argv.get(jar + 1), "the jar from the script's folder, spaces and parentheses intact");
        assertEquals(List.of("dev.tpm2j.cli.Tpm2jCli", "--json", "explain", "-NoValidEkCert: No valid EK cert found"),
                argv.subList(jar + 2, argv.size()));
        assertTrue(argv.subList(1, jar).contains("-XX:TieredStopAtLevel=1"), argv.toString());

        // a JAVA_HOME written with quotes around it
        CmdScript.Run quoted = s.run(DIR, "info", Map.of("JAVA_HOME", "\"" + JDK + "\""), files, 0);
        assertEquals(JDK + "\\bin\\java.exe", CmdScript.argv(quoted.started()).get(0));
        assertEquals(0, quoted.exit());

        // TPM2J_JAVA_OPTS: JNA pointed at an allowed folder (README "On Windows")
        CmdScript.Run opts = s.run(DIR, "diagnose", Map.of("JAVA_HOME", JDK, "TPM2J_JAVA_OPTS",
                "-Djna.boot.library.path=\"C:\\Program Files\\tpm2j\" -Djna.nounpack=true"), files, 3);
        List<String> optsArgv = CmdScript.argv(opts.started());
        assertTrue(optsArgv.indexOf("-Djna.boot.library.path=C:\\Program Files\\tpm2j") < optsArgv.indexOf("-cp"),
                optsArgv.toString());
        assertTrue(optsArgv.contains("-Djna.nounpack=true"), optsArgv.toString());
        assertEquals(3, opts.exit());
    }

    /**
     * The cmd launcher's start-up archive in %LOCALAPPDATA%\\tpm2j: the first run with a java.exe and a jar makes it
     * (the folder created), a later run maps it, another JVM or jar (other sizes) gets its own, and without
     * LOCALAPPDATA there is none. The flags themselves are run on a real JVM by the sh launcher's test.
     */
    @Test
    void theCmdLauncherMakesItsStartUpArchiveOnTheFirstRun() throws Exception {
        CmdScript s = cmd();
        String local = "C:\\Users\\Jane Admin\\AppData\\Local";
        String java = JDK + "\\bin\\java.exe";
        Map<String, String> env = Map.of("JAVA_HOME", JDK, "LOCALAPPDATA", local);
        String archive = local + "\\tpm2j\\tpm2j-271872-12371392.jsa";
        CmdScript.Run first = s.run(DIR, "rc 0x101", env, Map.of(JAR, 12_371_392L, java, 271_872L), 2);
        List<String> argv = CmdScript.argv(first.started());
        assertTrue(argv.contains("-XX:ArchiveClassesAtExit=" + archive), argv.toString());
        assertTrue(argv.contains("-XX:TieredStopAtLevel=1"), argv.toString());
        assertEquals(2, first.exit(), "the first run's exit code comes back");

        CmdScript.Run later = s.run(DIR, "rc 0x101", env, Map.of(JAR, 12_371_392L, java, 271_872L,
                local + "\\tpm2j", 0L, archive, 2_500_000L), 0);
        List<String> laterArgv = CmdScript.argv(later.started());
        assertTrue(laterArgv.contains("-XX:SharedArchiveFile=" + archive), laterArgv.toString());
        assertTrue(laterArgv.contains("-Xshare:auto") && laterArgv.contains("-Xlog:cds=off"), laterArgv.toString());

        CmdScript.Run otherJvm = s.run(DIR, "rc 0x101", env, Map.of(JAR, 12_371_392L, java, 280_000L,
                local + "\\tpm2j", 0L, archive, 2_500_000L), 0);
        assertTrue(CmdScript.argv(otherJvm.started()).contains("-XX:ArchiveClassesAtExit=" + local
                + "\\tpm2j\\tpm2j-280000-12371392.jsa"), otherJvm.started());

        CmdScript.Run noLocal = s.run(DIR, "rc 0x101", Map.of("JAVA_HOME", JDK),
                Map.of(JAR, 12_371_392L, java, 271_872L), 0);
        assertTrue(CmdScript.argv(noLocal.started()).stream().noneMatch(a -> a.contains("Archive")),
                noLocal.started());
    }

    /** Without a usable JAVA_HOME the launcher takes java from PATH; with neither it says so and exits 3. */
    @Test
    void theCmdLauncherFallsBackToPathAndFailsClearlyWithoutJava() throws Exception {
        CmdScript s = cmd();
        Set<String> files = Set.of(JAR, PATH_JAVA + "\\java.exe");
        Map<String, String> path = Map.of("PATH", "C:\\Windows;" + PATH_JAVA + "\\");
        CmdScript.Run fromPath = s.run(DIR, "rc 0x101", path, files, 0);
        assertEquals(PATH_JAVA + "\\java.exe", CmdScript.argv(fromPath.started()).get(0));
        assertEquals(0, fromPath.exit());

        Map<String, String> staleHome = new LinkedHashMap<>(path);
        staleHome.put("JAVA_HOME", "C:\\Program Files\\Java\\jdk-11-removed");
        CmdScript.Run stale = s.run(DIR, "rc 0x101", staleHome, files, 0);
        assertEquals(PATH_JAVA + "\\java.exe", CmdScript.argv(stale.started()).get(0), "a JAVA_HOME without java");

        CmdScript.Run none = s.run(DIR, "rc 0x101", Map.of("PATH", "C:\\Windows"), Set.of(JAR), 0);
        assertNull(none.started());
        assertEquals(3, none.exit());
        assertTrue(none.stderr().get(0).contains("no java found"), none.stderr().toString());

        CmdScript.Run noJar = s.run(DIR, "rc 0x101", path, Set.of(PATH_JAVA + "\\java.exe"), 0);
        assertNull(noJar.started());
        assertEquals(3, noJar.exit());
        assertTrue(noJar.stderr().get(0).contains(JAR), noJar.stderr().toString());
    }

    /** The reader refuses what it does not understand, so the launcher cannot grow past what this test checks. */
    @Test
    void theCmdReaderRefusesWhatItDoesNotUnderstand() {
        assertThrows(IllegalArgumentException.class, () -> new CmdScript("@echo off\nexit /b 0\n"), "LF only");
        assertThrows(IllegalArgumentException.class, () -> new CmdScript("@echo off\r\nstart java\r\n")
                .run(DIR, "", Map.of(), Set.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new CmdScript("goto :nowhere\r\n")
                .run(DIR, "", Map.of(), Set.of(), 0));
    }

    /** The unzipped distribution runs: its sh launcher with this test's JVM as JAVA_HOME, from a path with a space. */
    @Test
    void theUnzippedShLauncherRuns(@TempDir Path tmp) throws Exception {
        Path into = tmp.resolve("unzipped here");
        Files.createDirectories(into);
        Map<String, Integer> modes = unixModes(zip());
        try (ZipFile z = new ZipFile(zip().toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(modes.get(e.getName()))));
            }
        }
        Path launcher = into.resolve(BASE).resolve("tpm2j");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        ToolProcess.Result r = ToolProcess.run(List.of(launcher.toString(), "rc", "0x101"), env,
                Duration.ofSeconds(60), false);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("TPM_RC_FAILURE"), r.stdout());

        ToolProcess.Result pasted = ToolProcess.run(List.of(launcher.toString(), "--json", "explain",
                "-NoValidEkCert: No valid EK cert found"), env, Duration.ofSeconds(60), false);
        assertEquals(0, pasted.exitCode(), pasted.stdout() + pasted.stderr());
        assertTrue(pasted.stdout().contains("\"input\":\"-NoValidEkCert: No valid EK cert found\""), pasted.stdout());

        ToolProcess.Result usage = ToolProcess.run(List.of(launcher.toString(), "rc", "not-a-code"), env,
                Duration.ofSeconds(60), false);
        assertEquals(2, usage.exitCode(), "the exit code comes through: " + usage.stderr());
    }

    /**
     * The sh launcher's start-up archive: the first run writes it beside the jar with a record of the JVM and jar it
     * was made for, later runs use it silently, the first run's exit code comes through, a rebuilt jar gets a fresh
     * archive, and a folder the user cannot write sends the archive to $XDG_CACHE_HOME/tpm2j.
     */
    @Test
    void theShLauncherMakesItsStartUpArchiveOnTheFirstRun(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("dist");
        Files.createDirectories(dir);
        Path root = Path.of("..").toAbsolutePath().normalize();
        Files.copy(root.resolve("tpm2j"), dir.resolve("tpm2j"));
        Files.setPosixFilePermissions(dir.resolve("tpm2j"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ZipFile z = new ZipFile(zip().toFile())) {
            Files.write(dir.resolve("tpm2j.jar"), bytes(z, "tpm2j.jar"));
        }
        Path launcher = dir.resolve("tpm2j");
        Path archive = dir.resolve("tpm2j.jsa");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "XDG_CACHE_HOME",
                tmp.resolve("cache").toString());

        ToolProcess.Result first = ToolProcess.run(List.of(launcher.toString(), "rc", "not-a-code"), env,
                Duration.ofSeconds(60), false);
        assertEquals(2, first.exitCode(), "the first run's exit code comes through: " + first.stderr());
        ToolProcess.Result again = ToolProcess.run(List.of(launcher.toString(), "rc", "not-a-code"), env,
                Duration.ofSeconds(60), false);
        assertEquals(again.stdout() + again.stderr(), first.stdout() + first.stderr(),
                "the archiving run (with its warm-up) prints what any run prints");
        assertTrue(Files.size(archive) > 100_000, "an archive beside the jar");
        List<String> record = Files.readAllLines(dir.resolve("tpm2j.jsa.jvm"));
        assertTrue(Files.isSameFile(Path.of(record.get(0)), Path.of(System.getProperty("java.home"), "bin", "java")),
                "made for this JVM: " + record);
        assertEquals(dir.resolve("tpm2j.jar").toRealPath().toString(), record.get(1), "and this jar");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary files");
        }

        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(archive);
        ToolProcess.Result later = ToolProcess.run(List.of(launcher.toString(), "rc", "0x101"), env,
                Duration.ofSeconds(60), false);
        assertEquals(0, later.exitCode(), later.stderr());
        assertEquals("", later.stderr(), "the archive is used silently");
        assertEquals(made, Files.getLastModifiedTime(archive), "and not made again");

        // a rebuilt jar: the jar is now newer than the archive
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(dir.resolve("tpm2j.jar")).toMillis() - 60_000));
        ToolProcess.Result rebuilt = ToolProcess.run(List.of(launcher.toString(), "rc", "0x101"), env,
                Duration.ofSeconds(60), false);
        assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
        assertEquals("", rebuilt.stderr());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(dir.resolve("tpm2j.jar")))
                > 0, "a jar newer than the archive gets a fresh archive");

        Files.delete(archive);
        Files.delete(dir.resolve("tpm2j.jsa.jvm"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean writable = Files.isWritable(dir); // root may write anyway: then the archive stays beside the jar
            ToolProcess.Result readOnly = ToolProcess.run(List.of(launcher.toString(), "rc", "0x101"), env,
                    Duration.ofSeconds(60), false);
            assertEquals(0, readOnly.exitCode(), readOnly.stderr());
            Path where = writable ? archive : tmp.resolve("cache").resolve("tpm2j").resolve("tpm2j.jsa");
            assertTrue(Files.size(where) > 100_000, "the archive in " + where);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String rwx(int mode) {
        StringBuilder sb = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return sb.toString();
    }
}

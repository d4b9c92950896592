package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.ToolProcess;
import dev.tpm2j.transport.TbsTransport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a Windows user gets it (tpm2j-cli/target/tpm2j.jar, built by {@code mvn package}/{@code verify}
 * before this module): JNA and its Windows natives inside, native access enabled, a version in the manifest, and
 * {@code --tpm tbs} on a JVM that believes it is on Windows failing at tbs.dll, not for want of JNA. Also the library
 * on the module path: JNA resolved, JNA present but unresolved, JNA on the class path.
 */
class RunnableJarTest {

    static Path jar() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path j = p.resolve("tpm2j-cli/target/tpm2j.jar");
            if (Files.isRegularFile(j)) {
                return j;
            }
        }
        return fail("tpm2j-cli/target/tpm2j.jar is missing: build it with mvn -B verify (or package) from the root");
    }

    record Run(int exit, String out, String err) {
    }

    static Run java(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        ToolProcess.Result r = ToolProcess.run(cmd, java.util.Map.of(), java.time.Duration.ofSeconds(60), false);
        return new Run(r.exitCode(), r.stdout(), r.stderr());
    }

    @Test
    void theJarCarriesJnaEnablesNativeAccessAndNamesItsVersion() throws Exception {
        try (JarFile j = new JarFile(jar().toFile())) {
            assertNotNull(j.getEntry("com/sun/jna/Native.class"));
            assertNotNull(j.getEntry("com/sun/jna/win32-x86-64/jnidispatch.dll"));
            assertNotNull(j.getEntry("com/sun/jna/win32-aarch64/jnidispatch.dll"));
            assertNotNull(j.getEntry("dev/tpm2j/trustbundle/roots.pem"), "the trust bundle ships in the jar");
            Manifest m = j.getManifest();
            assertEquals("ALL-UNNAMED", m.getMainAttributes().getValue("Enable-Native-Access"));
            assertEquals("dev.tpm2j.cli.Tpm2jCli", m.getMainAttributes().getValue("Main-Class"));
            assertTrue(m.getMainAttributes().getValue("Implementation-Version").matches("\\d+\\.\\d+\\.\\d+.*"));
        }
        Run v = java(List.of("-jar", jar().toString(), "--version"));
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("tpm2j " + Tpm.class.getPackage().getImplementationVersion())
                || v.out().startsWith("tpm2j 0."), v.out());
    }

    /**
     * picocli ships Java 5 class files, which a start-up archive cannot hold linked; the runnable jar carries the same
     * release rebuilt from its sources for Java 17 (tpm2j-cli/pom.xml). Every picocli class in the jar is a Java 17+
     * class file (none left over from the original jar), and the jar's picocli is the release the build depends on.
     */
    @Test
    void picocliInTheJarIsBuiltForJava17() throws Exception {
        int picocliClasses = 0;
        try (JarFile j = new JarFile(jar().toFile())) {
            for (var e : java.util.Collections.list(j.entries())) {
                if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
                    picocliClasses++;
                    try (var in = j.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                        assertTrue(major >= 61, e.getName() + " is class file version " + major);
                    }
                }
            }
        }
        assertTrue(picocliClasses > 100, "picocli classes in the jar: " + picocliClasses);
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object version = loader.loadClass("picocli.CommandLine").getField("VERSION").get(null);
            assertEquals(System.getProperty("tpm2j.picocli.version", "missing"), version);
        }
    }

    /**
     * The runnable jar brings the CLI's logging backend (the tpm2j-cli jar does not): with TPM2J_TRACE=1 the command
     * trace comes out as bare lines on stderr, not in java.util.logging's two-line format.
     */
    @Test
    void theJarLogsThroughTheCliBackend() throws Exception {
        try (JarFile j = new JarFile(jar().toFile())) {
            var entry = j.getEntry("META-INF/services/java.lang.System$LoggerFinder");
            assertNotNull(entry);
            try (var in = j.getInputStream(entry)) {
                assertEquals("dev.tpm2j.cli.CliLoggerFinder", new String(in.readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8).strip());
            }
        }
        try (Swtpm sim = Swtpm.start()) {
            ToolProcess.Result r = ToolProcess.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar().toString(), "--tpm", sim.tpmSpec(), "nv-read", "0x01c00002"),
                    java.util.Map.of("TPM2J_TRACE", "1"), java.time.Duration.ofSeconds(60), false);
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().startsWith("tpm2j -> TPM2_NV_ReadPublic"), r.stderr());
            assertTrue(r.stderr().contains("\ntpm2j <- TPM2_NV_Read TPM_RC_SUCCESS (0x00000000)"), r.stderr());
            assertFalse(r.stderr().contains("INFO:"), r.stderr());
        }
    }

    @Test
    void tbsOnWindowsFailsAtTbsDllNotForWantOfJna() throws Exception {
        Run r = java(List.of("-Dos.name=Windows 11", "-jar", jar().toString(), "--tpm", "tbs", "info"));
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("tbs.dll could not be loaded"), r.err());
        assertFalse(r.err().contains("needs JNA"), r.err());
        assertFalse(r.err().contains("WARNING"), "no native-access warnings: " + r.err());
    }

    static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static Path jna() {
        Path p = Path.of(System.getProperty("tpm2j.jna.jar", "missing"));
        if (!Files.isRegularFile(p)) {
            return fail("JNA jar not found at " + p + " (set by integration-tests/pom.xml)");
        }
        return p;
    }

    @Test
    void onTheModulePathJnaIsUsedWhenResolvedAndNamedWhenNot() throws Exception {
        String modules = String.join(File.pathSeparator, location(Tpm.class), location(TbsTransport.class),
                jna().toString());
        String probe = location(TbsProbe.class);
        Run resolved = java(List.of("-Dos.name=Windows 11", "--module-path", modules, "--add-modules",
                "dev.tpm2j.transport,com.sun.jna", "-cp", probe, TbsProbe.class.getName()));
        assertTrue(resolved.out().contains("tbs.dll could not be loaded"), resolved.out() + resolved.err());

        Run unresolved = java(List.of("-Dos.name=Windows 11", "--module-path", modules, "--add-modules",
                "dev.tpm2j.transport", "-cp", probe, TbsProbe.class.getName()));
        assertTrue(unresolved.out().contains("is on the module path but not resolved: add --add-modules com.sun.jna"),
                unresolved.out() + unresolved.err());

        String moduleNoJna = String.join(File.pathSeparator, location(Tpm.class), location(TbsTransport.class));
        Run classPathJna = java(List.of("-Dos.name=Windows 11", "--module-path", moduleNoJna, "--add-modules",
                "dev.tpm2j.transport", "-cp", probe + File.pathSeparator + jna(), TbsProbe.class.getName()));
        assertTrue(classPathJna.out().contains("tbs.dll could not be loaded"), classPathJna.out() + classPathJna.err());
    }
}

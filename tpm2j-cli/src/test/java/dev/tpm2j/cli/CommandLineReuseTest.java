package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One command line parsing twice (an application embedding {@link Tpm2jCli#commandLine()}, or a test): nothing
 * from the first arguments survives into the second — including options of exclusive groups, which picocli does not
 * reset by itself when they are bound to the command's own fields.
 */
class CommandLineReuseTest {
    private static CommandLine sub(CommandLine cl, String... path) {
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    @Test
    void anExclusiveGroupOptionFromTheFirstParseIsGoneInTheSecond() {
        CommandLine cl = Tpm2jCli.commandLine();
        List<String> common = List.of("--ak-name", "000b" + "5a".repeat(32), "--secret", "0102", "--out", "cred");
        cl.parseArgs(concat(List.of("credential", "make", "--ek-public", "first.pub"), common));
        CredentialCommand.Make make = sub(cl, "credential", "make").getCommand();
        assertEquals(Path.of("first.pub"), make.ekPublicFile);
        cl.parseArgs(concat(List.of("credential", "make", "--ek-cert", "second.der"), common));
        assertNull(make.ekPublicFile, "--ek-public of the first parse");
        assertNull(make.ekHandle);
        assertEquals(Path.of("second.der"), make.ekCert);
    }

    @Test
    void startupStateDoesNotStick() {
        CommandLine cl = Tpm2jCli.commandLine();
        cl.parseArgs("startup", "--state");
        StartupCommand startup = sub(cl, "startup").getCommand();
        assertTrue(startup.state);
        cl.parseArgs("startup");
        assertFalse(startup.state, "--state of the first parse");
        assertFalse(startup.clear);
    }

    @Test
    void plainOptionsAndInheritedOnesAreResetToo() {
        CommandLine cl = Tpm2jCli.commandLine();
        cl.parseArgs("--json", "--tpm", "sim", "nv-read", "0x01c00002", "--format", "pem", "--size", "4");
        NvReadCommand read = sub(cl, "nv-read").getCommand();
        Tpm2jCli root = cl.getCommand();
        assertEquals("pem", read.format);
        cl.parseArgs("nv-read", "0x01c00100");
        assertEquals("hex", read.format);
        assertNull(read.size);
        assertFalse(root.json);
        assertNull(root.tpm);
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}

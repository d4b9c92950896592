package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quickstart ({@link Quickstart}), compiled and run; and a check that the README shows exactly it. */
class QuickstartTest {

    @Test
    void quickstartRunsOnTheEmbeddedSimulator() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        // the sim profile (intel-odca) issues its EK certificate from a test on-die CA
        assertTrue(printed.startsWith("EK certificate issued by ") && printed.contains("CN="), printed);
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        String doc = ReadmeExampleTest.assertSame("quickstart", "src/test/java/dev/tpm2j/it/Quickstart.java",
                "// --- begin README example quickstart", "// --- end README example quickstart");
        assertTrue(doc.equals("README.md"), "the quickstart is in README.md itself, not in " + doc);
    }
}

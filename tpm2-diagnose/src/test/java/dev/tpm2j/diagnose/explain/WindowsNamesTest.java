package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} names a 0x8028xxxx code only as winerror.h names it (testdata/field-symptoms/winerror-tpm-names.txt),
 * or not at all, over the whole range; pasted with its name, the right name wins.
 */
class WindowsNamesTest {

    static Map<Integer, String> facts() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("testdata").resolve("field-symptoms").resolve("winerror-tpm-names.txt");
            if (Files.isRegularFile(f)) {
                Map<Integer, String> names = new HashMap<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] v = line.split(" ");
                        names.put((int) Long.parseLong(v[0].substring(2), 16), v[1]);
                    }
                }
                return names;
            }
        }
        return fail("testdata/field-symptoms/winerror-tpm-names.txt was not found");
    }

    @Test
    void explainNeverInventsANameForA0x8028Code() throws IOException {
        Map<Integer, String> facts = facts();
        for (int low = 0; low <= 0xFFFF; low++) {
            int c = 0x80280000 | low;
            Explanation e = Explainer.explainCode(c);
            assertTrue(e instanceof Explanation.Recognised, String.format("0x%08X", c));
            Optional<String> name = ((Explanation.Recognised) e).name();
            assertEquals(Optional.ofNullable(facts.get(c)), name, String.format("0x%08X", c));
        }
    }

    @Test
    void theIssuesCodes() {
        Explanation.Recognised postinit = ExplainerTest.recognised("TPM_E_INVALID_POSTINIT 0x80280026");
        assertEquals("TPM_E_INVALID_POSTINIT", postinit.name().orElseThrow());
        assertEquals(0x80280026, postinit.code().getAsInt());
        Explanation.Recognised fips = ExplainerTest.recognised("0x80280036");
        assertEquals("TPM_E_NOTFIPS", fips.name().orElseThrow());
        assertEquals("tpm-fips", fips.causes().get(0).id());
        assertEquals("tpm-lockout", ExplainerTest.recognised("0x80280803").causes().get(0).id());
        Explanation.Recognised fail = ExplainerTest.recognised("0x80280009");
        assertEquals("TPM_E_FAIL", fail.name().orElseThrow());
        assertEquals(Explanation.Kind.WINDOWS_TPM_E, fail.kind());
        assertEquals("tpm-fault", fail.causes().get(0).id());
    }
}

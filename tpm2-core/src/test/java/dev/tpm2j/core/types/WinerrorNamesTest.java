package dev.tpm2j.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every code of the Windows TPM facilities (0x8028xxxx and 0x8029xxxx) is named only as winerror.h names it: the
 * winerror.h facts are the list in testdata/field-symptoms/winerror-tpm-names.txt (value and name, see its README).
 * A code winerror.h does not name is named by its value, never given an invented name.
 */
class WinerrorNamesTest {

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
    void noCodeOfTheTpmFacilitiesGetsANameWinerrorDoesNotGiveIt() throws IOException {
        Map<Integer, String> facts = facts();
        assertTrue(facts.size() > 300, "the winerror.h list is incomplete");
        for (long v = 0x80280000L; v <= 0x8029FFFFL; v++) {
            int c = (int) v;
            ResponseCode rc = ResponseCode.decode(c);
            String fact = facts.get(c);
            String hex = String.format("0x%08X", c);
            assertEquals(fact, rc.windowsName(), hex);
            if (rc.origin() == ResponseCode.Origin.WINDOWS_TPM_20_E) {
                // the TPM's own (spec) name of the TPM 2.0 code it carries; the Windows name is windowsName()
                assertTrue(rc.name().startsWith("TPM_RC_"), hex + " " + rc.name());
            } else {
                assertEquals(fact != null ? fact : hex, rc.name(), hex);
            }
        }
    }

    @Test
    void theTpm12FamilyIsDecodedAsTpmCodesByTheirWindowsNames() {
        assertEquals("TPM_E_NOTFIPS", ResponseCode.decode(0x80280036).name());
        assertEquals(ResponseCode.Origin.WINDOWS_TPM_E, ResponseCode.decode(0x80280036).origin());
        assertEquals("TPM_E_DEFEND_LOCK_RUNNING", ResponseCode.decode(0x80280803).name());
        assertEquals("TPM_E_FAIL", ResponseCode.decode(0x80280009).name());
        assertEquals("TPM_E_INVALID_POSTINIT", ResponseCode.decode(0x80280026).name());
        assertEquals("TPM_E", ResponseCode.decode(0x80280026).layerLabel());
        assertEquals("0x80280060", ResponseCode.decode(0x80280060).name(), "a gap in winerror.h stays unnamed");
        assertEquals(ResponseCode.Origin.WINDOWS_TPM_E, ResponseCode.decode(0x80280060).origin());
        assertEquals("TPM_20_E_LOCKOUT", ResponseCode.decode(0x80280921).windowsName());
        assertNull(ResponseCode.decode(0x802809A2).windowsName(), "winerror.h names no code with blame bits");
        assertEquals("TPM_RC_BAD_AUTH", ResponseCode.decode(0x802809A2).name());
    }
}

package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec version string: major.minor with a two-digit minor, as the TCG writes revisions (1.38, 1.59, 1.05). */
class VendorInfoTest {
    private static String version(int revision) {
        return new EkInventory.VendorInfo("IBM", List.of(), "1.0", 0, revision, 2019, 1).specVersion();
    }

    @Test
    void minorIsAlwaysTwoDigits() {
        assertEquals("1.59", version(159));
        assertEquals("1.38", version(138));
        assertEquals("1.05", version(105));
        assertEquals("1.00", version(100));
        assertEquals("2.10", version(210));
        assertEquals("0.09", version(9));
        assertEquals(String.format("%d.%02d", 164, 7), version(16407));
    }
}

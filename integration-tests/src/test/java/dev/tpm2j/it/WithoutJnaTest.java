package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransportException;
import org.junit.jupiter.api.Test;

/** This module's class path has no JNA (it is optional in tpm2-transport): the library must still load and work. */
class WithoutJnaTest {
    @Test
    void jnaIsAbsentAndTbsFailsClearly() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.sun.jna.Native"));
        TpmTransportException e = assertThrows(TpmTransportException.class, () -> Tpm.open("tbs"));
        assertTrue(e.getMessage().startsWith("cannot open tbs: "), e.getMessage());
    }
}

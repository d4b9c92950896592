package dev.tpm2j.core.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtSymDef;
import org.junit.jupiter.api.Test;

/** Session keys and auth values are wiped when a session closes, and never printed. */
class SessionWipeTest {
    @Test
    void closingWipesTheSessionKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x42);
        HmacSession s = new HmacSession(0x02000000, TpmAlgId.SHA256, key, TpmtSymDef.AES_128_CFB, 0, Bytes.zeros(32),
                () -> { });
        assertFalse(s.keyWiped());
        assertFalse(s.toString().contains("42424242"));
        s.close();
        assertTrue(s.keyWiped());
    }
}

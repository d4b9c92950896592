package dev.tpm2j.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmtSymDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the per-command contexts hand a session, what a session that cannot encrypt says when asked to, and the
 * reason a policy session gives for each way it needs the entity's authValue.
 */
class SessionContextsTest {
    @Test
    void theContextsCarryTheCommandAsGiven() {
        byte[] params = {0, 2, 7, 7};
        CommandAuthContext c = new CommandAuthContext(0x14E, () -> List.of(Bytes.fromHex("40000001")), params);
        CommandAuthContext encryptOnly = c.forSession(false);
        assertFalse(encryptOnly.authorizes());
        assertNull(encryptOnly.entityName(), "no slot, no entity");
        assertNull(encryptOnly.entityAuth());
        assertEquals(0x14E, encryptOnly.commandCode());
        assertArrayEquals(params, encryptOnly.parameters());
        assertTrue(c.forSession(true).authorizes());
        assertEquals(Bytes.fromHex("40000001"), c.forSlot(0, null, new byte[0]).entityName());
        assertArrayEquals(new byte[0], c.forSlot(0, null, new byte[0]).extraNonces());

        byte[] rparams = {0, 1, 9};
        ResponseAuthContext r = new ResponseAuthContext(0x14E, rparams);
        assertTrue(r.authorizes());
        assertFalse(r.forSession(false).authorizes());
        assertNull(r.forSession(true).entityAuth(), "no authValue given");
        assertEquals(0x14E, r.forSession(true).commandCode());
        assertArrayEquals(rparams, r.forSession(true).parameters());
    }

    @Test
    void aPasswordSessionNeitherEncryptsNorAudits() {
        PasswordSession p = PasswordSession.empty();
        assertEquals(Bytes.EMPTY, p.nonceTpm());
        assertFalse(p.audits());
        assertFalse(p.needsNames(true));
        assertFalse(p.decryptsCommand());
        assertFalse(p.encryptsResponse());
        byte[] buf = {1, 2};
        CommandAuthContext c = new CommandAuthContext(0x14E, List::of, new byte[0]).forSession(false);
        assertThrows(UnsupportedOperationException.class, () -> p.encryptCommandParameter(buf, 0, 2, c));
        assertThrows(UnsupportedOperationException.class, () -> p.decryptResponseParameter(buf, 0, 2, false));
        assertArrayEquals(new byte[] {1, 2}, buf);
    }

    @Test
    void aPolicySessionSaysWhyItNeedsTheAuthValue() {
        CommandAuthContext missing = SessionChecksTest.authorizing(null);
        PolicySession password = new PolicySession(0x03000001, TpmAlgId.SHA256, Bytes.zeros(32), () -> { });
        password.policyPasswordAsserted();
        password.beginCommand(false, false);
        assertEquals("policy session 0x03000001 sends it in clear after PolicyPassword, and the entity's authValue "
                + "was not given: pass it with Authorization.of(handle, session, authValue), or leave encryption to a "
                + "separate HMAC session (tpm.execute(command, authorizations, encryptionSession))",
                assertThrows(IllegalArgumentException.class, () -> password.authorizeCommand(missing)).getMessage());
        PolicySession authValue = new PolicySession(0x03000002, TpmAlgId.SHA256, Bytes.zeros(32), () -> { });
        authValue.policyAuthValueAsserted();
        authValue.beginCommand(false, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> authValue.authorizeCommand(missing))
                .getMessage().contains(" proves it by HMAC after PolicyAuthValue, "));
        PolicySession encrypting = new PolicySession(0x03000003, TpmAlgId.SHA256, new byte[] {1},
                TpmtSymDef.AES_128_CFB, TpmaSession.ENCRYPT, Bytes.zeros(32), () -> { });
        encrypting.beginCommand(false, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> encrypting.authorizeCommand(missing))
                .getMessage().contains(" keys parameter encryption in an authorization slot with it, "));
        assertEquals("PolicySession[0x03000003, keyed]", encrypting.toString());
        assertEquals("PolicySession[0x03000001]", password.toString());
    }
}

package dev.tpm2j.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmtSymDef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks a keyed session makes on each response and the values it draws, in isolation: nonceCaller drawn fresh
 * per command, the response nonce's minimum length, continueSession echoed, PolicyPassword's empty response hmac,
 * trailing zeros of an authValue left out of the HMAC key, and "authValue not given" refused where it is needed.
 */
class SessionChecksTest {
    static final int CC = 0x0000014E; // TPM2_NV_Read: the HMAC is over cpHash, whatever the command
    static final byte[] KEY = filled(32, 0x5A);

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static HmacSession hmac(byte[] sessionKey) {
        return new HmacSession(0x02000001, TpmAlgId.SHA256, sessionKey, TpmtSymDef.AES_128_CFB, 0,
                Bytes.of(filled(32, 1)), () -> { });
    }

    static CommandAuthContext authorizing(byte[] entityAuth) {
        return new CommandAuthContext(CC, () -> List.of(Bytes.fromHex("40000001")), new byte[] {0, 4, 1, 2, 3, 4})
                .forSlot(0, null, entityAuth);
    }

    static TpmsAuthResponse response(int nonceSize, int attributes, byte[] hmac) {
        return new TpmsAuthResponse(Bytes.of(filled(nonceSize, 9)), new TpmaSession(attributes), Bytes.of(hmac));
    }

    @Test
    void nonceCallerIsFreshAndRandomForEveryCommand() {
        HmacSession s = hmac(KEY);
        s.beginCommand(false, false);
        Bytes first = s.authorizeCommand(authorizing(new byte[0])).nonce();
        s.beginCommand(false, false);
        Bytes second = s.authorizeCommand(authorizing(new byte[0])).nonce();
        assertEquals(32, first.size());
        assertNotEquals(first, second, "a new nonceCaller per command");
        assertNotEquals(Bytes.zeros(32), first, "not all zeros");
        assertNotEquals(Bytes.zeros(32), second, "not all zeros");
    }

    @Test
    void aResponseNonceShorterThan16BytesIsRefused() {
        HmacSession s = hmac(new byte[0]);
        s.beginCommand(false, false);
        s.authorizeCommand(authorizing(new byte[0]));
        ResponseAuthContext r = new ResponseAuthContext(CC, new byte[0]).forSession(true, new byte[0], null);
        TpmSessionException e = assertThrows(TpmSessionException.class,
                () -> s.verifyResponse(r, response(15, TpmaSession.CONTINUE_SESSION, new byte[0])));
        assertTrue(e.getMessage().contains("15 bytes"), e.getMessage());
        // the TPM has moved on to a nonce the session did not take: it refuses further use (an HMAC over its old
        // nonce would fail and, on a DA-protected entity, raise the lockout counter)
        assertThrows(TpmSessionException.class, () -> s.authorizeCommand(authorizing(new byte[0])));
        // 16 bytes (the minimum) passes that check: an empty key and empty hmac are accepted
        HmacSession t = hmac(new byte[0]);
        t.beginCommand(false, false);
        t.authorizeCommand(authorizing(new byte[0]));
        assertDoesNotThrow(() -> t.verifyResponse(r, response(16, TpmaSession.CONTINUE_SESSION, new byte[0])));
    }

    @Test
    void theResponseMustEchoContinueSession() {
        HmacSession s = hmac(new byte[0]);
        s.beginCommand(false, false);
        s.authorizeCommand(authorizing(new byte[0]));
        ResponseAuthContext r = new ResponseAuthContext(CC, new byte[0]).forSession(true, new byte[0], null);
        TpmSessionException e = assertThrows(TpmSessionException.class,
                () -> s.verifyResponse(r, response(32, 0, new byte[0])));
        assertTrue(e.getMessage().contains("continueSession"), e.getMessage());
        assertThrows(TpmSessionException.class, () -> s.authorizeCommand(authorizing(new byte[0])),
                "a session out of step refuses further use");

        HmacSession ending = hmac(new byte[0]);
        ending.endWithNextCommand();
        ending.beginCommand(false, false);
        ending.authorizeCommand(authorizing(new byte[0]));
        assertThrows(TpmSessionException.class, () -> ending.verifyResponse(r,
                response(32, TpmaSession.CONTINUE_SESSION, new byte[0])), "continueSession set though it was clear");
    }

    @Test
    void afterPolicyPasswordTheResponseHmacMustBeEmpty() {
        byte[] password = "pw".getBytes(StandardCharsets.US_ASCII);
        ResponseAuthContext r = new ResponseAuthContext(CC, new byte[0]).forSession(true, password, null);
        PolicySession p = new PolicySession(0x03000001, TpmAlgId.SHA256, KEY, TpmtSymDef.NULL, 0,
                Bytes.of(filled(32, 1)), () -> { });
        p.policyPasswordAsserted();
        p.beginCommand(false, false);
        TpmsAuthCommand sent = p.authorizeCommand(authorizing(password));
        assertArrayEquals(password, sent.hmac(), "the password in clear");
        TpmSessionException e = assertThrows(TpmSessionException.class,
                () -> p.verifyResponse(r, response(32, TpmaSession.CONTINUE_SESSION, filled(32, 3))));
        assertTrue(e.getMessage().contains("PolicyPassword"), e.getMessage());

        PolicySession q = new PolicySession(0x03000002, TpmAlgId.SHA256, KEY, TpmtSymDef.NULL, 0,
                Bytes.of(filled(32, 1)), () -> { });
        q.policyPasswordAsserted();
        q.beginCommand(false, false);
        q.authorizeCommand(authorizing(password));
        assertDoesNotThrow(() -> q.verifyResponse(r, response(32, TpmaSession.CONTINUE_SESSION, new byte[0])));
        assertFalse(q.needsAuthValue(), "the TPM reset the policy");
    }

    @Test
    void trailingZerosOfAnAuthValueStayOutOfTheHmacKey() {
        byte[] withZeros = {'p', 'w', 0, 0};
        HmacSession s = hmac(KEY);
        s.beginCommand(false, false);
        CommandAuthContext ctx = authorizing(withZeros);
        TpmsAuthCommand sent = s.authorizeCommand(ctx);
        byte[] key = Arrays.copyOf(KEY, KEY.length + 2);
        key[KEY.length] = 'p';
        key[KEY.length + 1] = 'w';
        byte[] expected = TpmHash.hmac(TpmAlgId.SHA256, key, ctx.cpHash(TpmAlgId.SHA256), sent.nonce().toByteArray(),
                filled(32, 1), new byte[] {(byte) TpmaSession.CONTINUE_SESSION});
        assertArrayEquals(expected, sent.hmac(), "HMAC key = sessionKey ‖ authValue without trailing zeros");
    }

    @Test
    void anHmacSessionRefusesToAuthorizeWithoutTheAuthValue() {
        HmacSession s = hmac(KEY);
        s.beginCommand(false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.authorizeCommand(authorizing(null)));
        assertTrue(e.getMessage().contains("Authorization.of(handle, session, authValue)"), e.getMessage());
        assertDoesNotThrow(() -> s.authorizeCommand(authorizing(new byte[0])), "empty is not missing");
    }

    @Test
    void aPolicySessionNeedsTheAuthValueOnlyWhenItUsesIt() {
        PolicySession p = new PolicySession(0x03000003, TpmAlgId.SHA256, KEY, TpmtSymDef.AES_128_CFB,
                TpmaSession.DECRYPT, Bytes.of(filled(32, 1)), () -> { });
        p.beginCommand(false, false); // this command has nothing to encrypt: no authValue needed
        assertDoesNotThrow(() -> p.authorizeCommand(authorizing(null)));
        p.beginCommand(true, false); // now it encrypts in the authorization slot
        assertThrows(IllegalArgumentException.class, () -> p.authorizeCommand(authorizing(null)));
        byte[] parameter = filled(8, 7);
        assertThrows(IllegalArgumentException.class,
                () -> p.encryptCommandParameter(parameter, 0, 8, authorizing(null)));
        assertArrayEquals(filled(8, 7), parameter, "nothing was encrypted with a guessed key");
        PolicySession q = new PolicySession(0x03000004, TpmAlgId.SHA256, Bytes.of(filled(32, 1)), () -> { });
        q.policyAuthValueAsserted();
        q.beginCommand(false, false);
        assertThrows(IllegalArgumentException.class, () -> q.authorizeCommand(authorizing(null)));
    }

    @Test
    void aClosedPasswordSessionRefusesAndTheAuthorizationsAuthValueWins() {
        PasswordSession p = PasswordSession.of("secret");
        byte[] given = "given".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(given, PasswordSession.empty().authorizeCommand(authorizing(given)).hmac());
        assertArrayEquals("secret".getBytes(StandardCharsets.US_ASCII), p.authorizeCommand(authorizing(null)).hmac());
        assertFalse(p.passwordWiped());
        p.close();
        assertTrue(p.passwordWiped(), "the held copy is wiped");
        assertThrows(IllegalStateException.class, () -> p.authorizeCommand(authorizing(null)));
        PasswordSession.empty().close();
        assertArrayEquals(new byte[0], PasswordSession.empty().authorizeCommand(authorizing(null)).hmac(),
                "closing the shared empty session does nothing");
        assertFalse(p.toString().contains("6"), "no length: " + p);
    }
}

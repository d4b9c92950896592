package dev.tpm2j.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmtSymDef;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A keyed session's life as a caller sees it: what it refuses to be started with, when it flushes (once, never after
 * the TPM ended it or the Tpm flushed it), what it refuses once closed or ended, and a password session's checks of
 * the TPM's answer.
 */
class SessionLifecycleTest {
    static final ResponseAuthContext RESPONSE = new ResponseAuthContext(SessionChecksTest.CC, new byte[0])
            .forSession(true, new byte[0], null);

    static HmacSession counted(AtomicInteger flushes) {
        return new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[0], TpmtSymDef.NULL, 0,
                Bytes.of(SessionChecksTest.filled(32, 1)), flushes::incrementAndGet);
    }

    static TpmsAuthResponse ok(int attributes) {
        return SessionChecksTest.response(32, attributes, new byte[0]);
    }

    @Test
    void parameterEncryptionNeedsAnAlgorithmTpm2jImplements() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new HmacSession(
                0x02000001, TpmAlgId.SHA256, new byte[0], TpmtSymDef.NULL, TpmaSession.DECRYPT, Bytes.zeros(32),
                () -> { }));
        assertEquals("parameter encryption needs a symmetric algorithm", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolicySession(0x03000001, TpmAlgId.SHA256,
                new byte[0], TpmtSymDef.NULL, TpmaSession.ENCRYPT, Bytes.zeros(32), () -> { }));
        TpmtSymDef cbc = new TpmtSymDef(TpmAlgId.AES, 128, TpmAlgId.CBC);
        IllegalArgumentException aesCbc = assertThrows(IllegalArgumentException.class, () -> new HmacSession(
                0x02000001, TpmAlgId.SHA256, new byte[0], cbc, 0, Bytes.zeros(32), () -> { }));
        assertTrue(aesCbc.getMessage().startsWith("tpm2j encrypts parameters with AES-CFB or XOR"),
                aesCbc.getMessage());
        // XOR and AES-CFB are accepted, with or without the flags
        TpmtSymDef xor = new TpmtSymDef(TpmAlgId.XOR, TpmAlgId.SHA256, TpmAlgId.NULL);
        new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[0], xor,
                TpmaSession.DECRYPT | TpmaSession.ENCRYPT, Bytes.zeros(32), () -> { }).close();
        new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[0], TpmtSymDef.AES_256_CFB, TpmaSession.DECRYPT,
                Bytes.zeros(32), () -> { }).close();
    }

    @Test
    void closeFlushesOnceAndAClosedSessionRefuses() {
        AtomicInteger flushes = new AtomicInteger();
        HmacSession s = counted(flushes);
        s.close();
        s.close();
        assertEquals(1, flushes.get(), "flushed once");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.authorizeCommand(SessionChecksTest.authorizing(new byte[0])));
        assertEquals("session 0x02000001 is closed", e.getMessage());
    }

    @Test
    void aSessionTheTpmEndedOrTheTpmFlushedIsNotFlushedAgain() {
        AtomicInteger flushes = new AtomicInteger();
        HmacSession ending = counted(flushes);
        ending.endWithNextCommand();
        ending.beginCommand(false, false);
        assertFalse(ending.authorizeCommand(SessionChecksTest.authorizing(new byte[0])).attributes()
                .has(TpmaSession.CONTINUE_SESSION), "continueSession clear on the last command");
        assertFalse(ending.isEnded());
        ending.verifyResponse(RESPONSE, ok(0));
        assertTrue(ending.isEnded());
        TpmSessionException e = assertThrows(TpmSessionException.class,
                () -> ending.authorizeCommand(SessionChecksTest.authorizing(new byte[0])));
        assertEquals("session 0x02000001 was ended by the TPM", e.getMessage());
        ending.close();
        assertEquals(0, flushes.get(), "the TPM flushed it already");

        HmacSession flushed = counted(flushes);
        flushed.flushed();
        assertTrue(flushed.isEnded());
        flushed.close();
        assertEquals(0, flushes.get(), "FlushContext already sent");

        HmacSession continuing = counted(flushes);
        continuing.beginCommand(false, false);
        assertTrue(continuing.authorizeCommand(SessionChecksTest.authorizing(new byte[0])).attributes()
                .has(TpmaSession.CONTINUE_SESSION));
        continuing.verifyResponse(RESPONSE, ok(TpmaSession.CONTINUE_SESSION));
        assertFalse(continuing.isEnded());
        continuing.close();
        assertEquals(1, flushes.get());
    }

    @Test
    void aFailedFlushIsReportedWithItsCause() {
        IOException io = new IOException("connection reset");
        HmacSession s = new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[0], TpmtSymDef.NULL, 0,
                Bytes.zeros(32), () -> {
                    throw io;
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, s::close);
        assertEquals("flushing the session failed", e.getMessage());
        assertSame(io, e.getCause());
        IllegalArgumentException unchecked = new IllegalArgumentException("bad handle");
        HmacSession t = new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[0], TpmtSymDef.NULL, 0,
                Bytes.zeros(32), () -> {
                    throw unchecked;
                });
        assertSame(unchecked, assertThrows(IllegalArgumentException.class, t::close), "passed on as it is");
    }

    @Test
    void keyedMeansASessionKeyAndOnlyEncryptableParametersAreEncrypted() {
        HmacSession plain = counted(new AtomicInteger());
        assertFalse(plain.isKeyed());
        HmacSession keyed = new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[] {1}, TpmtSymDef.AES_128_CFB,
                TpmaSession.DECRYPT | TpmaSession.ENCRYPT, Bytes.zeros(32), () -> { });
        assertTrue(keyed.isKeyed(), "one byte of session key is a key");
        assertTrue(keyed.needsNames(false), "a keyed session's HMAC covers the names");
        assertFalse(plain.needsNames(false), "an unkeyed session outside a slot has no HMAC");
        assertTrue(plain.needsNames(true), "an HMAC session in a slot uses the entity's authValue and names");
        keyed.beginCommand(true, false);
        assertTrue(keyed.decryptsCommand());
        assertFalse(keyed.encryptsResponse(), "the response has no TPM2B first parameter");
        keyed.beginCommand(false, true);
        assertFalse(keyed.decryptsCommand(), "the command has no TPM2B first parameter");
        assertTrue(keyed.encryptsResponse());
        assertEquals(TpmaSession.ENCRYPT | TpmaSession.CONTINUE_SESSION, keyed.authorizeCommand(
                SessionChecksTest.authorizing(new byte[0])).attributes().value(), "the attributes sent say so");
        assertEquals(TpmAlgId.SHA256, keyed.hashAlg());
        assertEquals(TpmtSymDef.AES_128_CFB, keyed.symmetric());
        assertEquals("HmacSession[0x02000001, salted]", keyed.toString());
        assertEquals("HmacSession[0x02000001]", plain.toString());
    }

    @Test
    void anEmptyParameterStaysEmptyAndNothingAroundItMoves() {
        HmacSession keyed = new HmacSession(0x02000001, TpmAlgId.SHA256, new byte[] {1}, TpmtSymDef.AES_128_CFB,
                TpmaSession.DECRYPT, Bytes.zeros(32), () -> { });
        keyed.beginCommand(true, false);
        byte[] buf = SessionChecksTest.filled(8, 7);
        keyed.encryptCommandParameter(buf, 4, 0, SessionChecksTest.authorizing(new byte[0]));
        assertEquals(Bytes.of(SessionChecksTest.filled(8, 7)), Bytes.of(buf));
        keyed.encryptCommandParameter(buf, 2, 4, SessionChecksTest.authorizing(new byte[0]));
        assertEquals(7, buf[0]);
        assertEquals(7, buf[1]);
        assertEquals(7, buf[6]);
        assertEquals(7, buf[7]);
        assertFalse(Arrays.equals(SessionChecksTest.filled(4, 7), Arrays.copyOfRange(buf, 2, 6)), "encrypted");
    }

    @Test
    void aPasswordSessionChecksTheTpmsAnswer() {
        PasswordSession p = PasswordSession.empty();
        TpmsAuthResponse good = new TpmsAuthResponse(Bytes.EMPTY, new TpmaSession(TpmaSession.CONTINUE_SESSION),
                Bytes.EMPTY);
        p.verifyResponse(RESPONSE, good);
        TpmSessionException nonce = assertThrows(TpmSessionException.class, () -> p.verifyResponse(RESPONSE,
                new TpmsAuthResponse(Bytes.of(new byte[] {1}), new TpmaSession(TpmaSession.CONTINUE_SESSION),
                        Bytes.EMPTY)));
        assertEquals("password session response must carry an empty nonce and hmac", nonce.getMessage());
        assertThrows(TpmSessionException.class, () -> p.verifyResponse(RESPONSE, new TpmsAuthResponse(Bytes.EMPTY,
                new TpmaSession(TpmaSession.CONTINUE_SESSION), Bytes.of(new byte[] {1}))));
        TpmSessionException lost = assertThrows(TpmSessionException.class, () -> p.verifyResponse(RESPONSE,
                new TpmsAuthResponse(Bytes.EMPTY, new TpmaSession(0), Bytes.EMPTY)));
        assertEquals("password session response lost continueSession", lost.getMessage());
    }

    @Test
    void aPasswordIsAtMostOneDigestLong() {
        assertTrue(PasswordSession.of(new byte[64]).hasPassword(new byte[64]), "64 bytes is the limit");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PasswordSession.of(new byte[65]));
        assertEquals("an auth value is at most 64 bytes", e.getMessage());
        assertSame(PasswordSession.empty(), PasswordSession.of(new byte[0]));
        assertSame(PasswordSession.empty(), PasswordSession.of(""));
        assertTrue(PasswordSession.empty().isEmpty());
        assertFalse(PasswordSession.of("x").isEmpty());
        assertFalse(PasswordSession.of("x").hasPassword(new byte[] {'y'}));
        assertEquals("PasswordSession[set]", PasswordSession.of("x").toString());
        assertEquals("PasswordSession[empty]", PasswordSession.empty().toString());
        assertEquals(0x40000009, PasswordSession.empty().handle());
        byte[] mine = {'a', 'b'};
        PasswordSession s = PasswordSession.of(mine);
        Arrays.fill(mine, (byte) 0);
        assertTrue(s.hasPassword(new byte[] {'a', 'b'}), "the session holds its own copy");
    }
}

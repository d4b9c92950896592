package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.TpmSessionException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Salted HMAC and policy sessions: parameter encryption both ways, HMAC authorization, tampering detected. */
class SaltedSessionTest {
    static Swtpm sim;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Records every byte on the wire and can alter responses. */
    static final class Wiretap implements TpmTransport {
        final TpmTransport inner;
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        volatile UnaryOperator<byte[]> alter = UnaryOperator.identity();

        Wiretap(TpmTransport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            wire.writeBytes(command);
            byte[] raw = inner.transmit(command);
            if (System.getenv("TAPDEBUG") != null) {
                System.err.println("CMD " + java.util.HexFormat.of().formatHex(command) + "\nRSP "
                        + java.util.HexFormat.of().formatHex(raw));
            }
            byte[] r = alter.apply(raw);
            wire.writeBytes(r);
            return r;
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        boolean saw(byte[] needle) {
            byte[] hay = wire.toByteArray();
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    @Test
    void nvDataCrossesTheBusEncryptedBothWays() {
        Wiretap tap = new Wiretap(sim.transport());
        try (Tpm tpm = Tpm.open(tap)) {
            for (TpmtPublic saltKey : new TpmtPublic[] {EkTemplates.L1_RSA2048, EkTemplates.L2_ECC_P256}) {
                CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), saltKey);
                int index = 0x01500200;
                byte[] password = "index password".getBytes();
                tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                        TpmaNv.NO_DA), Bytes.EMPTY, 64), password, Authorization.owner());
                tap.wire.reset(); // NV_DefineSpace itself carries the new password; watch only what follows
                try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                        ek.objectHandle(), ek.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, true, true))) {
                    byte[] data = "tpm2j parameter encryption: this text must not appear on the wire".getBytes();
                    data = java.util.Arrays.copyOf(data, 64);
                    Authorization auth = Authorization.of(index, s, password);
                    tpm.execute(new NvWrite(index, index, data, 0), java.util.List.of(auth));
                    byte[] back = tpm.execute(new NvRead(index, index, 64, 0), java.util.List.of(auth)).data();
                    assertArrayEquals(data, back);
                    assertFalse(tap.saw(java.util.Arrays.copyOf(data, 24)), "plaintext never on the wire");
                    assertFalse(tap.saw(password), "the HMAC session never sends the password");
                } finally {
                    tpm.nvUndefineSpace(index, Authorization.owner());
                    tpm.flushContext(ek.objectHandle());
                }
            }
            assertEquals(java.util.List.of(), tpm.getHandles(0x02000000), "HMAC sessions flushed");
        }
    }

    @Test
    void wrongAuthValueInAnHmacSessionIsBadAuth() {
        try (Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            int index = 0x01500201;
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.NO_DA), Bytes.EMPTY, 8), "right".getBytes(), Authorization.owner());
            try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                    ek.objectHandle(), ek.outPublic()))) {
                TpmResponseException e = assertThrows(TpmResponseException.class,
                        () -> tpm.execute(new NvWrite(index, index, new byte[8], 0),
                                java.util.List.of(Authorization.of(index, s, "wrong".getBytes()))));
                assertTrue(e.is(TpmRc.BAD_AUTH) || e.is(TpmRc.AUTH_FAIL), e.getMessage());
                assertEquals(1, e.responseCode().session());
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
                tpm.flushContext(ek.objectHandle());
            }
        }
    }

    @Test
    void tamperedResponsesAreDetectedByTheResponseHmac() {
        Wiretap tap = new Wiretap(sim.transport());
        try (Tpm tpm = Tpm.open(tap)) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            try {
                int[] flips = {20, -1}; // a bit of the encrypted random bytes; a bit of the response HMAC itself
                for (int flip : flips) {
                    try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                            ek.objectHandle(), ek.outPublic()).withEncryption(TpmtSymDef.AES_128_CFB, false, true))) {
                        assertEquals(16, tpm.execute(new GetRandom(16), s).randomBytes().size(), "untouched: fine");
                        tap.alter = r -> {
                            byte[] c = r.clone();
                            c[flip >= 0 ? flip : c.length - 1] ^= 0x01;
                            return c;
                        };
                        TpmSessionException e = assertThrows(TpmSessionException.class,
                                () -> tpm.execute(new GetRandom(16), s));
                        assertTrue(e.getMessage().contains("response HMAC does not verify"), e.getMessage());
                        tap.alter = UnaryOperator.identity();
                        TpmSessionException later = assertThrows(TpmSessionException.class,
                                () -> tpm.execute(new GetRandom(16), s));
                        assertTrue(later.getMessage().contains("start a new one"), later.getMessage());
                    } finally {
                        tap.alter = UnaryOperator.identity();
                    }
                }
            } finally {
                tpm.flushContext(ek.objectHandle());
            }
        }
    }
}

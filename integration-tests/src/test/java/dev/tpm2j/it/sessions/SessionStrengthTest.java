package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Swtpm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against swtpm: authValues with trailing zeros (the TPM drops them, and so must every HMAC and session key tpm2j
 * computes — plain, bound, after a change of auth), and the nonceCaller of every StartAuthSession drawn fresh. The
 * index is DA-protected and TPM_PT_LOCKOUT_COUNTER is read before and after.
 */
class SessionStrengthTest {
    static final int START_AUTH_SESSION = 0x00000176;

    /** Records what is sent. */
    static final class Tap implements TpmTransport {
        final TpmTransport inner;
        final List<byte[]> sent = new ArrayList<>();

        Tap(TpmTransport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            sent.add(command.clone());
            return inner.transmit(command);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void trailingZerosOfAnAuthValueAreDroppedEverywhere() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            int before = tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
            int index = 0x01500A20;
            byte[] withZeros = {'t', 'z', 0, 0};
            byte[] without = {'t', 'z'};
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE),
                    Bytes.EMPTY, 16), withZeros, Authorization.owner());
            try {
                byte[] data = new byte[16];
                Arrays.fill(data, (byte) 0x33);
                try (HmacSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256))) {
                    tpm.nvWrite(index, 0, data, Authorization.nvIndex(s, withZeros));
                    assertArrayEquals(data, tpm.nvRead(index, 0, 16, Authorization.nvIndex(s, without)));
                }
                try (HmacSession bound = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                        .withBind(index, withZeros))) {
                    // bound to the index with "tz\0\0": authorizing it with "tz" is the same authValue
                    assertArrayEquals(data, tpm.nvRead(index, 0, 16, Authorization.nvIndex(bound, without)));
                    assertArrayEquals(data, tpm.nvRead(index, 0, 16, Authorization.nvIndex(bound, withZeros)));
                }
                assertArrayEquals(data, tpm.nvRead(index, Authorization.nvIndex(PasswordSession.of(without))));
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
            }
            assertEquals(before, tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow(), "lockout counter unchanged");
        }
    }

    @Test
    void everyStartAuthSessionCarriesAFreshRandomNonceCaller() {
        try (Swtpm sim = Swtpm.start()) {
            Tap tap = new Tap(sim.transport());
            try (Tpm tpm = Tpm.open(tap)) {
                for (int i = 0; i < 2; i++) {
                    tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)).close();
                }
            }
            List<Bytes> nonces = new ArrayList<>();
            for (byte[] c : tap.sent) {
                int cc = ((c[6] & 0xFF) << 24) | ((c[7] & 0xFF) << 16) | ((c[8] & 0xFF) << 8) | (c[9] & 0xFF);
                if (cc == START_AUTH_SESSION) {
                    // header (10), tpmKey and bind (8), then nonceCaller as a TPM2B
                    int size = ((c[18] & 0xFF) << 8) | (c[19] & 0xFF);
                    nonces.add(Bytes.of(Arrays.copyOfRange(c, 20, 20 + size)));
                }
            }
            assertEquals(2, nonces.size());
            assertEquals(32, nonces.get(0).size(), "a SHA-256 session's nonce is a digest long");
            assertNotEquals(Bytes.zeros(32), nonces.get(0));
            assertNotEquals(Bytes.zeros(32), nonces.get(1));
            assertNotEquals(nonces.get(0), nonces.get(1), "fresh for each session");
        }
    }
}

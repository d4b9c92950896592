package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Swtpm;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * NV sizes, offsets and chunking against a real swtpm, steered by the fuzzer: an index of 1–2048 bytes (across
 * swtpm's NV_BUFFER_MAX of 1024, so reads and writes are chunked), a full write, up to three partial writes at
 * chosen offsets, then a read of a chosen range and of the whole index — each compared with a byte-array model —
 * and one write past the end, which swtpm must refuse with TPM_RC_NV_RANGE. Bounded: the regression run replays
 * the committed corpus; the coverage-guided run is bounded by {@code -Dtpm2j.fuzz.seconds}.
 */
class NvFuzzTest {
    private static final int INDEX = 0x01500180;
    static Swtpm sim;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @FuzzTest
    void sizesOffsetsAndChunks(FuzzedDataProvider d) {
        // swtpm listens on loopback; Jazzer's SSRF detector would otherwise report the connection as a finding
        SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) ->
                host.equals("localhost") || host.equals("127.0.0.1"));
        try {
            int size = d.consumeInt(1, 2048);
            TpmsNvPublic pub = new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE, TpmaNv.OWNERREAD,
                    TpmaNv.AUTHWRITE, TpmaNv.AUTHREAD, TpmaNv.NO_DA), Bytes.EMPTY, size);
            try (Tpm tpm = sim.openTpm()) {
                tpm.nvDefineSpace(pub, Authorization.owner());
                try {
                    byte[] model = Arrays.copyOf(d.consumeBytes(size), size);
                    tpm.nvWrite(INDEX, 0, model, Authorization.owner());
                    for (int i = d.consumeInt(0, 3); i > 0; i--) {
                        int offset = d.consumeInt(0, size - 1);
                        byte[] part = d.consumeBytes(d.consumeInt(1, size - offset));
                        if (part.length == 0) {
                            part = new byte[] {(byte) i};
                        }
                        tpm.nvWrite(INDEX, offset, part, Authorization.owner());
                        System.arraycopy(part, 0, model, offset, part.length);
                    }
                    int offset = d.consumeInt(0, size - 1);
                    int length = d.consumeInt(0, size - offset);
                    assertArrayEquals(Arrays.copyOfRange(model, offset, offset + length),
                            tpm.nvRead(INDEX, offset, length, Authorization.owner()), "range " + offset + "+" + length);
                    assertArrayEquals(model, tpm.nvRead(INDEX, Authorization.owner()));
                    int past = d.consumeInt(0, size);
                    TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.nvWrite(INDEX, past,
                            new byte[size - past + 1], Authorization.owner()));
                    assertEquals(TpmRc.NV_RANGE, e.code() & 0xFFF, e.getMessage());
                } finally {
                    tpm.nvUndefineSpace(INDEX, Authorization.owner());
                }
            }
        } finally {
            loopback.close();
        }
    }
}

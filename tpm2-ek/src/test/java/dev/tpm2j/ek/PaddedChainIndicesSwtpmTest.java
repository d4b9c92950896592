package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real Intel ADL and MTL on-die CA certificates in EK chain indices of a real swtpm, defined by the platform with
 * the attributes real TPMs report for these indices (PPWRITE|WRITEDEFINE|PPREAD|OWNERREAD|AUTHREAD|NO_DA|
 * PLATFORMCREATE, WRITTEN by the write, no write lock), padded with 0x00 and 0xFF fill.
 */
class PaddedChainIndicesSwtpmTest {
    static final TpmaNv REAL_CHAIN_ATTRIBUTES = TpmaNv.of(TpmaNv.PPWRITE, TpmaNv.WRITEDEFINE, TpmaNv.PPREAD,
            TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.NO_DA, TpmaNv.PLATFORMCREATE);

    static void definePlatformIndex(Tpm tpm, int index, byte[] data) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, REAL_CHAIN_ATTRIBUTES, Bytes.EMPTY, data.length),
                Authorization.platform());
        tpm.nvWrite(index, 0, data, Authorization.platform());
    }

    static byte[] padded(byte[] data, int size, int fill) {
        byte[] out = Arrays.copyOf(data, size);
        Arrays.fill(out, data.length, size, (byte) fill);
        return out;
    }

    static void assertChainRead(EkInventory inv, List<byte[]> expected, List<String> sources) {
        assertEquals(List.of(), inv.problems());
        assertTrue(inv.chainSplit().clean(), inv.chainSplit().gaps().toString());
        assertEquals(expected.size(), inv.chainCertificates().size(), inv.chainSplit().gaps().toString());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), inv.chainCertificates().get(i).certificate().der());
        }
        assertEquals(sources, inv.chainCertificates().stream().map(EkChain.Sourced::source).toList());
        for (EkInventory.NvIndex i : inv.indices()) {
            if (i.kind() == EkInventory.Kind.EK_CHAIN) {
                assertEquals(0x62072001, i.nvPublic().attributes().value(), i.handle() + " as real devices report");
                assertFalse(i.nvPublic().attributes().has(TpmaNv.WRITELOCKED));
            }
        }
    }

    @Test
    void adlChainOneCertificatePerIndexPaddedWithZerosAndOnes() throws Exception {
        List<byte[]> adl = NvChainSplitTest.ders(NvChainSplitTest.ADL);
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            definePlatformIndex(tpm, 0x01C00100, padded(adl.get(0), 1024, 0x00));
            definePlatformIndex(tpm, 0x01C00101, padded(adl.get(1), 1024, 0xFF));
            definePlatformIndex(tpm, 0x01C00102, padded(adl.get(2), 1024, 0x00));
            EkInventory inv = EkInventory.read(tpm);
            assertChainRead(inv, adl, List.of("nv:0x01c00100", "nv:0x01c00101", "nv:0x01c00102"));

            // the real ADL EK certificate verifies through the three on-die CAs read from the padded indices
            EkChain.Result r = EkChain.verify(new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"),
                    "nv:0x01c00002"), inv.chainCertificates(), RealData.bundle(),
                    List.of(RealData.cert("intel-odca-2-csme-p-adl-00002820-issuing-ca.pem")), Instant.now(), null);
            assertTrue(r.trusted(), r.problems().toString());
            assertEquals(List.of("nv:0x01c00002", "nv:0x01c00102", "nv:0x01c00101", "nv:0x01c00100"),
                    r.chain().subList(0, 4).stream().map(EkChain.Link::source).toList());
        }
    }

    @Test
    void mtlChainOverflowingIntoAPaddedIndex() throws Exception {
        List<byte[]> mtl = NvChainSplitTest.ders(NvChainSplitTest.MTL);
        int rom = mtl.get(0).length;
        int kernel = mtl.get(1).length;
        byte[] stream = new NvChainSplitTest.Layout(mtl).joined();
        int cut = rom + kernel / 2; // the kernel CA starts in 0x01c00100 and ends in 0x01c00101
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            definePlatformIndex(tpm, 0x01C00100, Arrays.copyOf(stream, cut));
            definePlatformIndex(tpm, 0x01C00101, padded(Arrays.copyOfRange(stream, cut, rom + kernel), 1024, 0xFF));
            definePlatformIndex(tpm, 0x01C00102, padded(Arrays.copyOfRange(stream, rom + kernel, stream.length), 1536,
                    0x00));
            EkInventory inv = EkInventory.read(tpm);
            assertChainRead(inv, mtl, List.of("nv:0x01c00100", "nv:0x01c00100+0x01c00101", "nv:0x01c00102"));
        }
    }
}

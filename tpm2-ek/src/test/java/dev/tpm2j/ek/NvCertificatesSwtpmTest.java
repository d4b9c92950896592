package dev.tpm2j.ek;

import static dev.tpm2j.ek.PaddedChainIndicesSwtpmTest.definePlatformIndex;
import static dev.tpm2j.ek.PaddedChainIndicesSwtpmTest.padded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NvCertificates} on a real swtpm holding the real Intel MTL on-die CA certificates (testdata/real-ek) in chain
 * indices with the attributes real TPMs report, one certificate overflowing into the next index, and a real ADL EK
 * certificate behind the TCG NV header.
 */
class NvCertificatesSwtpmTest {

    @Test
    void aCertificateThatOverflowsIsReadToItsEndFromTheNextChainIndex() throws Exception {
        List<byte[]> mtl = NvChainSplitTest.ders(NvChainSplitTest.MTL);
        int rom = mtl.get(0).length;
        int kernel = mtl.get(1).length;
        byte[] stream = new NvChainSplitTest.Layout(mtl).joined();
        int cut = rom + kernel / 2;
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            byte[] first = Arrays.copyOf(stream, cut);
            definePlatformIndex(tpm, 0x01C00100, first);
            definePlatformIndex(tpm, 0x01C00101, padded(Arrays.copyOfRange(stream, cut, rom + kernel), 1024, 0xFF));
            definePlatformIndex(tpm, 0x01C00102, padded(Arrays.copyOfRange(stream, rom + kernel, stream.length), 1536,
                    0x00));

            NvCertificates.Contents whole = NvCertificates.read(tpm, 0x01C00100);
            assertArrayEquals(first, whole.data(), "data are the asked index's own bytes");
            assertEquals(List.of(0x01C00100, 0x01C00101), whole.readFrom());
            assertEquals(List.of("0x01c00101"), whole.continuedIn());
            assertEquals(2, whole.certificates().size(), whole.split().gaps().toString());
            assertArrayEquals(mtl.get(0), whole.certificates().get(0));
            assertArrayEquals(mtl.get(1), whole.certificates().get(1));
            assertTrue(whole.split().clean(), whole.split().gaps().toString());

            // An index whose last certificate ends inside it reads nothing more.
            NvCertificates.Contents last = NvCertificates.read(tpm, 0x01C00102);
            assertEquals(List.of(0x01C00102), last.readFrom());
            assertEquals(1, last.certificates().size());
            assertArrayEquals(mtl.get(2), last.certificates().get(0));

            // A part is split as it is: no continuation, the cut certificate is reported truncated.
            TpmsNvPublic pub = tpm.nvReadPublic(0x01C00100).nvPublic();
            NvCertificates.Contents part = NvCertificates.readPart(tpm, pub, 0, cut);
            assertEquals(List.of(0x01C00100), part.readFrom());
            assertEquals(1, part.certificates().size());
            assertTrue(part.split().leftoverKind().startsWith("truncated"), part.split().leftoverKind());
            assertEquals(rom, part.split().leftoverOffset());
            NvCertificates.Contents middle = NvCertificates.readPart(tpm, pub, 16, 32);
            assertArrayEquals(Arrays.copyOfRange(first, 16, 48), middle.data());
            assertEquals(16, middle.offset());
            assertThrows(IllegalArgumentException.class, () -> NvCertificates.readPart(tpm, pub, cut - 1, 2));
            assertThrows(IllegalArgumentException.class, () -> NvCertificates.readPart(tpm, pub, cut + 1, 0));
        }
    }

    @Test
    void aTruncatedCertificateWithNoNextIndexStaysTruncated() throws Exception {
        List<byte[]> mtl = NvChainSplitTest.ders(NvChainSplitTest.MTL);
        byte[] cut = Arrays.copyOf(mtl.get(0), mtl.get(0).length - 1);
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            definePlatformIndex(tpm, 0x01C00100, cut);
            NvCertificates.Contents read = NvCertificates.read(tpm, 0x01C00100);
            assertEquals(List.of(0x01C00100), read.readFrom());
            assertEquals(List.of(), read.certificates());
            assertFalse(read.split().clean());
            assertTrue(read.split().leftoverKind().startsWith("truncated"), read.split().leftoverKind());
        }
    }

    @Test
    void theTcgNvHeaderIsStrippedBeforeSplitting() throws Exception {
        byte[] der = RealData.cert("intel-ptt-adl-ek-rsa.pem").der();
        ByteArrayOutputStream nv = new ByteArrayOutputStream();
        nv.writeBytes(new byte[] {0x10, 0x01, 0x00, (byte) ((der.length + 2) >> 8), (byte) (der.length + 2), 0x10,
            0x02});
        nv.writeBytes(der);
        byte[] data = nv.toByteArray();
        assertEquals(7, NvCertificates.headerLength(data));
        assertEquals(5, NvCertificates.headerLength(Arrays.copyOf(data, 6)));
        assertEquals(0, NvCertificates.headerLength(der));
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            definePlatformIndex(tpm, 0x01C00100, data);
            NvCertificates.Contents read = NvCertificates.read(tpm, 0x01C00100);
            assertArrayEquals(data, read.data());
            assertEquals(1, read.certificates().size(), read.split().gaps().toString());
            assertArrayEquals(der, read.certificates().get(0));
            assertTrue(read.split().clean());
        }
    }
}

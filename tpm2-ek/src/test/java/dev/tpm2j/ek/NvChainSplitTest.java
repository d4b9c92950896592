package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.der.CertificateStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NV chain splitter on the real Intel ADL and MTL on-die CA certificates (testdata/real-ek) laid into chain
 * indices the ways devices do it: one concatenated stream, certificates overflowing into the next index, and indices
 * padded with 0x00 or 0xFF fill.
 */
class NvChainSplitTest {
    static final List<String> ADL = List.of("intel-csme-adl-rom-ca.pem", "intel-csme-adl-svn01-kernel-ca.pem",
            "intel-csme-adl-ptt-01svn.pem");
    static final List<String> MTL = List.of("intel-odca-2-csme-mtl-soc-rom-ca.pem",
            "intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem", "intel-odca-2-csme-mtl-soc-svn-01-ptt-ca.pem");

    static List<byte[]> ders(List<String> names) {
        return names.stream().map(n -> RealData.cert(n).der()).toList();
    }

    /** NV indices as laid out, and their concatenation with the start of each. */
    record Layout(List<byte[]> indices) {
        byte[] joined() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            indices.forEach(out::writeBytes);
            return out.toByteArray();
        }

        int[] starts() {
            int[] s = new int[indices.size()];
            for (int i = 1; i < s.length; i++) {
                s[i] = s[i - 1] + indices.get(i - 1).length;
            }
            return s;
        }

        CertificateStream.Split split() {
            return CertificateStream.split(joined(), starts());
        }
    }

    static byte[] padded(byte[] data, int size, byte fill) {
        byte[] out = Arrays.copyOf(data, size);
        Arrays.fill(out, data.length, size, fill);
        return out;
    }

    /** Each certificate starts a fresh index, overflowing into as many as it needs; each one's last index is padded. */
    static Layout eachCertificateFromAFreshIndex(List<byte[]> certs, int indexSize, byte fill) {
        List<byte[]> indices = new ArrayList<>();
        for (byte[] c : certs) {
            for (int off = 0; off < c.length; off += indexSize) {
                byte[] part = Arrays.copyOfRange(c, off, Math.min(c.length, off + indexSize));
                indices.add(padded(part, indexSize, fill));
            }
        }
        return new Layout(indices);
    }

    /** The certificates as one stream cut into indices of {@code indexSize}; the last index is padded. */
    static Layout oneStream(List<byte[]> certs, int indexSize, byte fill) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        certs.forEach(all::writeBytes);
        byte[] stream = all.toByteArray();
        List<byte[]> indices = new ArrayList<>();
        for (int off = 0; off < stream.length; off += indexSize) {
            indices.add(padded(Arrays.copyOfRange(stream, off, Math.min(stream.length, off + indexSize)), indexSize,
                    fill));
        }
        return new Layout(indices);
    }

    static void assertAllFound(List<byte[]> certs, CertificateStream.Split s, String layout) {
        assertEquals(certs.size(), s.certificates().size(), layout + ": " + s.gaps());
        for (int i = 0; i < certs.size(); i++) {
            assertArrayEquals(certs.get(i), s.certificates().get(i), layout + ": certificate " + i);
        }
        assertTrue(s.clean(), layout + ": " + s.gaps());
    }

    @Test
    void aPaddedIndexDoesNotHideTheNextIndexsCertificates() {
        for (byte fill : new byte[] {0x00, (byte) 0xFF}) {
            List<byte[]> adl = ders(ADL);
            Layout l = new Layout(List.of(padded(adl.get(0), 1024, fill), padded(adl.get(1), 1024, fill),
                    padded(adl.get(2), 1024, fill)));
            CertificateStream.Split s = l.split();
            assertAllFound(adl, s, "fill " + fill);
            assertEquals(List.of(0, 1024, 2048), s.found().stream().map(CertificateStream.Found::offset).toList());
            String kind = String.format("fill bytes 0x%02x", fill);
            assertEquals(List.of(new CertificateStream.Gap(adl.get(0).length, 1024 - adl.get(0).length, kind),
                    new CertificateStream.Gap(1024 + adl.get(1).length, 1024 - adl.get(1).length, kind),
                    new CertificateStream.Gap(2048 + adl.get(2).length, 1024 - adl.get(2).length, kind)), s.gaps());
            assertEquals(s.gaps().get(2), s.leftover(), "the trailing fill is what is left over");
            // without boundaries the same bytes split the same way: fill between certificates is skipped
            assertAllFound(adl, CertificateStream.split(l.joined()), "no boundaries, fill " + fill);
        }
    }

    @Test
    void aCertificateOverflowingIntoTheNextIndexIsJoinedAndThatIndexMayBePadded() {
        List<byte[]> adl = ders(ADL);
        int first = adl.get(0).length;
        int cut = first + 300; // the kernel CA starts in 0x01c00100 and ends in 0x01c00101
        byte[] stream = oneStream(adl, 1 << 16, (byte) 0).joined();
        int total = first + adl.get(1).length + adl.get(2).length;
        Layout l = new Layout(List.of(Arrays.copyOfRange(stream, 0, cut),
                padded(Arrays.copyOfRange(stream, cut, first + adl.get(1).length), 900, (byte) 0xFF),
                padded(Arrays.copyOfRange(stream, first + adl.get(1).length, total), 1200, (byte) 0x00)));
        CertificateStream.Split s = l.split();
        assertAllFound(adl, s, "overflow");
        assertEquals(List.of(0, first, cut + 900), s.found().stream().map(CertificateStream.Found::offset).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 255, 256, 333, 512, 700, 913, 1024, 2048})
    void everyIndexSizeAndFillSplitsBackIntoTheSameCertificates(int indexSize) {
        for (List<String> chain : List.of(ADL, MTL)) {
            List<byte[]> certs = ders(chain);
            for (byte fill : new byte[] {0x00, (byte) 0xFF}) {
                assertAllFound(certs, oneStream(certs, indexSize, fill).split(), "stream " + indexSize + "/" + fill);
                assertAllFound(certs, eachCertificateFromAFreshIndex(certs, indexSize, fill).split(),
                        "fresh index " + indexSize + "/" + fill);
            }
        }
    }

    @Test
    void damageInOneIndexIsReportedAndTheNextIndexIsStillRead() {
        List<byte[]> adl = ders(ADL);
        byte[] garbage = new byte[500];
        Arrays.fill(garbage, (byte) 0x42);
        byte[] truncated = Arrays.copyOf(adl.get(0), 400); // a certificate cut short where the index ends
        Layout l = new Layout(List.of(garbage, truncated, padded(adl.get(1), 1024, (byte) 0xFF), adl.get(2)));
        CertificateStream.Split s = l.split();
        assertEquals(2, s.certificates().size(), s.gaps().toString());
        assertArrayEquals(adl.get(1), s.certificates().get(0));
        assertArrayEquals(adl.get(2), s.certificates().get(1));
        assertFalse(s.clean());
        List<CertificateStream.Gap> damage = s.damage();
        assertEquals(2, damage.size(), damage.toString());
        assertEquals(new CertificateStream.Gap(0, 500, "unexpected byte 0x42"), damage.get(0));
        assertEquals(500, damage.get(1).offset());
        assertEquals(400, damage.get(1).length(), "the damage ends where its index ends");
        assertEquals("a SEQUENCE that is not a certificate", damage.get(1).kind());
        assertEquals(damage.get(0), s.leftover(), "the first damage is what is reported as left over");
    }

    @Test
    void withoutIndexBoundariesReadingStopsAtDamageAndATruncatedTailIsSaidToBeTruncated() {
        List<byte[]> adl = ders(ADL);
        byte[] joined = new Layout(List.of(adl.get(0), Arrays.copyOf(adl.get(1), 300))).joined();
        CertificateStream.Split s = CertificateStream.split(joined);
        assertEquals(1, s.certificates().size());
        assertEquals(adl.get(0).length, s.leftoverOffset());
        assertEquals(300, s.leftoverLength());
        assertTrue(s.leftoverKind().startsWith("truncated or malformed certificate"), s.leftoverKind());

        CertificateStream.Split none = CertificateStream.split(adl.get(2));
        assertEquals(new CertificateStream.Gap(adl.get(2).length, 0, "none"), none.leftover());
        assertTrue(none.clean());
        assertEquals(0, CertificateStream.split(new byte[0]).certificates().size());
    }

    @Test
    void indexStartsMustAscendWithinTheInput() {
        byte[] b = new byte[10];
        assertThrows(IllegalArgumentException.class, () -> CertificateStream.split(b, new int[] {0, 11}));
        assertThrows(IllegalArgumentException.class, () -> CertificateStream.split(b, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> CertificateStream.split(b, new int[] {0, 6, 5}));
        // an empty index and one at the very end are allowed: ten zero bytes are one run of fill
        assertEquals(List.of(new CertificateStream.Gap(0, 10, "fill bytes 0x00")),
                CertificateStream.split(b, new int[] {0, 0, 10}).gaps());
    }
}

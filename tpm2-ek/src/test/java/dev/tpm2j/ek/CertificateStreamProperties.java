package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.ek.der.CertificateStream;
import dev.tpm2j.simulator.TestCa;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The NV-chain splitter over random bytes and mutated concatenations: it never throws, and every certificate that
 * lies wholly before the first damaged byte is returned intact.
 */
class CertificateStreamProperties {
    static final List<byte[]> CERTS = new ArrayList<>();

    static {
        TestCa root = TestCa.root("CN=Root", false);
        TestCa ca = root;
        for (int i = 0; i < 4; i++) {
            ca = ca.issueCa("CN=CA " + i, i % 2 == 0, null);
            CERTS.add(TpmCertificatesTestSupport.der(ca.certificate()));
        }
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll byte[] bytes) {
        CertificateStream.Split s = CertificateStream.split(bytes);
        assertTrue(s.leftoverOffset() + s.leftoverLength() <= bytes.length);
    }

    @Property(tries = 2000)
    void mutationsKeepEveryCertificateBeforeTheDamage(@ForAll @IntRange(min = 1, max = 4) int count,
                                                      @ForAll long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.writeBytes(CERTS.get(r.nextInt(CERTS.size())));
            ends.add(out.size());
        }
        int fill = r.nextInt(3) == 0 ? r.nextInt(200) : 0;
        for (int i = 0; i < fill; i++) {
            out.write(r.nextBoolean() ? 0xFF : 0x00);
        }
        byte[] bytes = out.toByteArray();
        int damageAt = bytes.length;
        int kind = r.nextInt(4);
        if (kind == 0) {
            damageAt = r.nextInt(bytes.length);
            bytes[damageAt] ^= (byte) (1 << r.nextInt(8));
        } else if (kind == 1) {
            damageAt = r.nextInt(bytes.length);
            bytes = java.util.Arrays.copyOf(bytes, damageAt);
        } else if (kind == 2) {
            damageAt = r.nextInt(bytes.length);
            int v = new int[] {0, 0xFF, 0x80, 0x84}[r.nextInt(4)];
            bytes[damageAt] = (byte) v;
        }
        CertificateStream.Split s = CertificateStream.split(bytes);
        int intact = 0;
        for (int end : ends) {
            if (end <= damageAt) {
                intact++;
            }
        }
        // every certificate that ends before the damage is found, byte for byte, in order
        assertTrue(s.certificates().size() >= intact, "found " + s.certificates().size() + " of " + intact);
        int off = 0;
        for (int i = 0; i < intact; i++) {
            byte[] expected = java.util.Arrays.copyOfRange(out.toByteArray(), off, ends.get(i));
            assertArrayEquals(expected, s.certificates().get(i));
            off = ends.get(i);
        }
    }
}

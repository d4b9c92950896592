package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The EK certificate parser on random bytes and on mutations of the real certificates: only its typed error. */
class CertificateParserProperties {
    static final List<byte[]> REAL = load();

    static List<byte[]> load() {
        try (Stream<Path> s = Files.list(RealData.root().resolve("real-ek"))) {
            return s.filter(p -> !p.toString().endsWith(".md")).map(p -> RealData.cert(p.getFileName().toString())
                    .der()).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void parse(byte[] in) {
        try {
            TpmCertificate c = TpmCertificates.parseNv(in);
            assertTrue(c.der().length <= in.length);
        } catch (CertificateParseException expected) {
            assertTrue(expected.getMessage() != null);
        }
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll byte[] in) {
        parse(in);
    }

    @Property(tries = 3000)
    void mutatedRealCertificates(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] s = REAL.get(r.nextInt(REAL.size())).clone();
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
            int pos = r.nextInt(s.length);
            switch (r.nextInt(3)) {
                case 0 -> s[pos] ^= (byte) (1 << r.nextInt(8));
                case 1 -> s = java.util.Arrays.copyOf(s, pos + 1);
                default -> s[pos] = (byte) new int[] {0x00, 0xFF, 0x80, 0x84, 0x30}[r.nextInt(5)];
            }
        }
        parse(s);
    }
}

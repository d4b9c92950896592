package dev.tpm2j.ek;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the committed seed corpus of tpm2-ek's certificate fuzz targets from the real certificates in
 * testdata/real-ek (run by hand: {@code java -cp <test classpath> dev.tpm2j.ek.EkSeedCorpus
 * tpm2-ek/src/test/resources/dev/tpm2j/ek}). Deterministic. Also writes the regression input of the one bug the
 * old random campaign found: a real EK certificate whose keyUsage OID {@code 55 1d 0f} became {@code 55 1d 8f}.
 */
final class EkSeedCorpus {
    private EkSeedCorpus() {
    }

    static List<byte[]> realCertificates() throws IOException {
        List<byte[]> certs = new ArrayList<>();
        try (Stream<Path> s = Files.list(RealData.root().resolve("real-ek"))) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".md")).sorted().toList()) {
                certs.add(RealData.cert(p.getFileName().toString()).der());
            }
        }
        return certs;
    }

    /** The input that once escaped the EK certificate parser as an IllegalArgumentException. */
    static byte[] malformedExtensionOid() {
        String hex = HexFormat.of().formatHex(RealData.cert("infineon-slb9665-ek-rsa-mfgca003.pem").der());
        int at = hex.indexOf("0603551d0f");
        return HexFormat.of().parseHex(hex.substring(0, at) + "0603551d8f" + hex.substring(at + 10));
    }

    static void write(Path dir, String file, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), content);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).resolve("EkCertificateFuzzTestInputs");
        List<byte[]> certs = realCertificates();
        for (int i = 0; i < certs.size(); i++) {
            write(root.resolve("ekCertificate"), String.format("real-%02d", i), certs.get(i));
        }
        write(root.resolve("ekCertificate"), "regression-malformed-extension-oid", malformedExtensionOid());
        for (int i = 0; i < certs.size(); i += 11) {
            write(root.resolve("windowsBlob"), String.format("real-der-%02d", i), certs.get(i));
            write(root.resolve("windowsBlob"), String.format("real-serialized-%02d", i),
                    WindowsCertStoreTest.serialized(certs.get(i)));
        }
        for (int i = 0; i + 2 < certs.size(); i += 9) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.writeBytes(certs.get(i));
            o.writeBytes(certs.get(i + 1));
            o.writeBytes(certs.get(i + 2));
            for (int k = 0; k < 64; k++) {
                o.write(0xFF);
            }
            write(root.resolve("nvChainSplitter"), String.format("real-chain-%02d", i), o.toByteArray());
        }
        Random r = new Random(5);
        for (int size : new int[] {4, 16, 64}) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            write(root.resolve("splitterKeepsEveryCertificateBeforeTheDamage"), "random-" + size, b);
        }
    }
}

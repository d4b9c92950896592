package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.ek.der.CertificateStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The long fuzzing run for the certificate parsers (mvn -Pfuzz): the NV-chain DER splitter, the EK certificate
 * parser and the Windows certificate blob parser, on random bytes and on mutations of the real certificates in
 * the project testdata/ folder. Only the documented typed errors, bounded time per input.
 */
class EkFuzzCampaign {
    static final int INPUTS = Integer.getInteger("tpm2j.fuzz.inputs", 10_000);

    interface Target {
        void run(byte[] input) throws Exception;
    }

    static long campaign(String name, List<byte[]> samples, Target t, Class<?>... allowed) {
        Random r = new Random(name.hashCode()); // reproducible inputs, nothing secret
        for (int i = 0; i < INPUTS; i++) {
            byte[] input;
            if ((i & 1) == 0) {
                input = new byte[r.nextInt(2000)];
                r.nextBytes(input);
            } else {
                byte[] s = samples.get(r.nextInt(samples.size())).clone();
                for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                    int kind = r.nextInt(4);
                    int pos = r.nextInt(s.length);
                    if (kind == 0) {
                        s[pos] ^= (byte) (1 << r.nextInt(8));
                    } else if (kind == 1) {
                        s = java.util.Arrays.copyOf(s, pos + 1);
                    } else if (kind == 2) {
                        s[pos] = (byte) new int[] {0x00, 0xFF, 0x80, 0x84, 0x30}[r.nextInt(5)];
                    } else {
                        byte[] d = new byte[s.length + Math.min(64, s.length - pos)];
                        System.arraycopy(s, 0, d, 0, pos);
                        System.arraycopy(s, pos, d, pos, s.length - pos);
                        System.arraycopy(s, pos, d, s.length, d.length - s.length);
                        s = d;
                    }
                }
                input = s;
            }
            long t0 = System.nanoTime();
            try {
                t.run(input);
            } catch (Exception e) {
                boolean ok = false;
                for (Class<?> c : allowed) {
                    ok |= c.isInstance(e);
                }
                if (!ok) {
                    fail(name + ": " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
                }
            }
            if (i > 1000 && System.nanoTime() - t0 > 200_000_000L) {
                fail(name + ": more than 200 ms for one input");
            }
        }
        return INPUTS;
    }

    @Test
    void certificateParsers() throws Exception {
        List<byte[]> certs = new ArrayList<>();
        try (Stream<Path> s = Files.list(RealData.root().resolve("real-ek"))) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".md")).toList()) {
                certs.add(RealData.cert(p.getFileName().toString()).der());
            }
        }
        List<byte[]> chains = new ArrayList<>();
        for (int i = 0; i + 2 < certs.size(); i += 3) {
            byte[] a = certs.get(i);
            byte[] b = certs.get(i + 1);
            byte[] c = certs.get(i + 2);
            byte[] joined = new byte[a.length + b.length + c.length + 64];
            System.arraycopy(a, 0, joined, 0, a.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            System.arraycopy(c, 0, joined, a.length + b.length, c.length);
            java.util.Arrays.fill(joined, a.length + b.length + c.length, joined.length, (byte) 0xFF);
            chains.add(joined);
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("NV-chain DER splitter", campaign("splitter", chains, CertificateStream::split));
        figures.put("EK certificate parser", campaign("certificate", certs, TpmCertificates::parseNv,
                CertificateParseException.class));
        figures.put("Windows certificate blob", campaign("blob", certs, WindowsCertStore::certificateFromBlob,
                CertificateParseException.class));
        StringBuilder table = new StringBuilder("fuzz campaign: inputs per target\n");
        figures.forEach((k, v) -> table.append(String.format("  %-28s %,d%n", k, v)));
        System.out.println(table);
        figures.values().forEach(v -> assertEquals((long) INPUTS, v));
    }
}

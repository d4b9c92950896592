package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.ek.der.CertificateStream;
import dev.tpm2j.fuzz.Untrusted;
import dev.tpm2j.simulator.TestCa;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsers of certificate bytes read from NV, from AIA responses and from the Windows registry: the EK
 * certificate parser, the NV-chain DER splitter and the Windows certificate blob. Oracle: only
 * {@link CertificateParseException} (the splitter never throws), allocation and time bounded by {@link Untrusted}.
 * Seeds: the 88 real certificates in testdata/real-ek, concatenated chains, Windows blobs, and every input that
 * ever found a bug ({@code regression-*}, e.g. the keyUsage OID mutated into an unterminated arc).
 */
class EkCertificateFuzzTest {
    static final List<byte[]> CA_CHAIN = new ArrayList<>();

    static {
        TestCa ca = TestCa.root("CN=Root", false);
        for (int i = 0; i < 4; i++) {
            ca = ca.issueCa("CN=CA " + i, i % 2 == 0, null);
            CA_CHAIN.add(TpmCertificatesTestSupport.der(ca.certificate()));
        }
    }

    @FuzzTest
    void ekCertificate(byte[] in) {
        Untrusted.parse("EK certificate parser", in, b -> {
            TpmCertificate c = TpmCertificates.parseNv(b);
            assertTrue(c.der().length <= b.length, "a certificate longer than its input");
        }, CertificateParseException.class);
    }

    @FuzzTest
    void windowsBlob(byte[] in) {
        Untrusted.parse("Windows certificate blob", in, WindowsCertStore::certificateFromBlob,
                CertificateParseException.class);
    }

    @FuzzTest
    void nvChainSplitter(byte[] in) {
        Untrusted.parse("NV-chain DER splitter", in, b -> {
            CertificateStream.Split s = CertificateStream.split(b);
            assertTrue(s.leftoverOffset() + s.leftoverLength() <= b.length, "leftover beyond the input");
        });
    }

    /**
     * The splitter with NV index boundaries, as EkInventory calls it: the first byte gives how many boundaries (0–7),
     * the next two bytes each give one (modulo the data length, sorted), the rest is the data. Oracle besides
     * {@link Untrusted}: certificates and gaps tile the data exactly, in order, and every certificate starts with a
     * SEQUENCE tag.
     */
    @FuzzTest
    void nvChainSplitterWithIndexBoundaries(byte[] in) {
        Untrusted.parse("NV-chain DER splitter with index boundaries", in, b -> {
            int n = b.length == 0 ? 0 : (b[0] & 0x07);
            int header = Math.min(b.length, 1 + 2 * n);
            byte[] data = Arrays.copyOfRange(b, header, b.length);
            int[] starts = new int[1 + n];
            for (int i = 0; i < n && 2 + 2 * i < header; i++) {
                int v = ((b[1 + 2 * i] & 0xFF) << 8) | (b[2 + 2 * i] & 0xFF);
                starts[1 + i] = data.length == 0 ? 0 : v % (data.length + 1);
            }
            Arrays.sort(starts);
            CertificateStream.Split s = CertificateStream.split(data, starts);
            int at = 0;
            int f = 0;
            int g = 0;
            while (f < s.found().size() || g < s.gaps().size()) {
                if (f < s.found().size() && s.found().get(f).offset() == at) {
                    assertTrue(s.found().get(f).der()[0] == 0x30, "a certificate that is not a SEQUENCE");
                    at += s.found().get(f++).der().length;
                } else {
                    assertTrue(g < s.gaps().size() && s.gaps().get(g).offset() == at, "bytes at " + at
                            + " are neither a certificate nor a gap");
                    assertTrue(s.gaps().get(g).length() > 0, "an empty gap");
                    at += s.gaps().get(g++).length();
                }
            }
            assertTrue(at == data.length, "certificates and gaps cover " + at + " of " + data.length + " bytes");
        });
    }

    /**
     * A concatenation of 1–4 generated CA certificates, optional padding, then one damage chosen by the fuzzer (bit
     * flip, truncation, byte forced to a DER-significant value, or none): every certificate that ends before the
     * damage is returned intact and in order.
     */
    @FuzzTest
    void splitterKeepsEveryCertificateBeforeTheDamage(FuzzedDataProvider d) {
        int count = d.consumeInt(1, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.writeBytes(d.pickValue(CA_CHAIN));
            ends.add(out.size());
        }
        int fill = d.consumeInt(0, 200);
        byte pad = d.consumeBoolean() ? (byte) 0xFF : 0;
        for (int i = 0; i < fill; i++) {
            out.write(pad);
        }
        byte[] clean = out.toByteArray();
        byte[] bytes = clean.clone();
        int damageAt = bytes.length;
        int at = d.consumeInt(0, bytes.length - 1);
        switch (d.consumeInt(0, 3)) {
            case 0 -> {
                damageAt = at;
                bytes[at] ^= (byte) (1 << d.consumeInt(0, 7));
            }
            case 1 -> {
                damageAt = at;
                bytes = Arrays.copyOf(bytes, at);
            }
            case 2 -> {
                damageAt = at;
                bytes[at] = (byte) d.pickValue(new int[] {0, 0xFF, 0x80, 0x84});
            }
            default -> { }
        }
        CertificateStream.Split s = CertificateStream.split(bytes);
        int intact = 0;
        for (int end : ends) {
            if (end <= damageAt) {
                intact++;
            }
        }
        assertTrue(s.certificates().size() >= intact, "found " + s.certificates().size() + " of " + intact);
        int off = 0;
        for (int i = 0; i < intact; i++) {
            assertArrayEquals(Arrays.copyOfRange(clean, off, ends.get(i)), s.certificates().get(i));
            off = ends.get(i);
        }
    }
}

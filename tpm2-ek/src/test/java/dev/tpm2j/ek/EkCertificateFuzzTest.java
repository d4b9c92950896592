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

package dev.tpm2j.attest.quote;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Jazzer targets for the verifier's parsers of untrusted bytes (TPMS_ATTEST, TPMT_SIGNATURE, the AK public key) and
 * for whole verifications. Oracle: the parsers throw only their documented typed exceptions; verification never
 * throws (every bad input is a verdict); allocation stays bounded by the input (all sizes are checked first).
 * Corpus: real quotes and certifies from swtpm (RSASSA and ECDSA AKs) plus edge cases.
 */
class AttestationFuzzTest {
    private static final AttestationKey RSA = AttestationKey.parse(resource("aks/rsa.pub"));
    private static final AttestationKey ECC = AttestationKey.parse(resource("aks/ecc.pub"));
    private static final Expectations EXPECT = Expectations.nonce(Bytes.fromHex("00112233"));

    private static byte[] resource(String name) {
        try (InputStream in = AttestationFuzzTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void parseAttest(byte[] data) {
        try {
            AttestationVerifier.parseAttest(data);
        } catch (TpmFormatException expected) {
            // the documented error
        }
    }

    @FuzzTest(maxDuration = "20s")
    void parseSignature(byte[] data) {
        try {
            AttestationVerifier.parseSignature(data);
        } catch (TpmFormatException expected) {
            // the documented error
        }
    }

    @FuzzTest(maxDuration = "20s")
    void parseAttestationKey(byte[] data) {
        try {
            AttestationKey.parse(data);
        } catch (dev.tpm2j.core.InvalidInputException expected) {
            // the documented error
        }
    }

    /** Input: selector byte (bit 0: ECC AK, bit 1: certify), u16 message length, message, signature. */
    @FuzzTest(maxDuration = "20s")
    void verify(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int selector = data[0];
        int len = Math.min(((data[1] & 0xFF) << 8) | (data[2] & 0xFF), data.length - 3);
        byte[] message = Arrays.copyOfRange(data, 3, 3 + len);
        byte[] signature = Arrays.copyOfRange(data, 3 + len, data.length);
        AttestationKey ak = (selector & 1) == 0 ? RSA : ECC;
        AttestationReport r = (selector & 2) == 0
                ? AttestationVerifier.verifyQuote(ak, message, signature, EXPECT)
                : AttestationVerifier.verifyCertify(ak, message, signature, EXPECT);
        if (r.verdict() == null || r.signature() == null || r.nonce() == null || r.pcrDigest() == null) {
            throw new AssertionError("incomplete report " + r);
        }
        if (r.valid() && !r.signature().passed()) {
            throw new AssertionError("valid without a verified signature");
        }
    }
}

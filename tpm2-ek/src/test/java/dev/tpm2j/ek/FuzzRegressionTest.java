package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Inputs the long fuzzing run (-Pfuzz) found; each once escaped a parser with an untyped exception. */
class FuzzRegressionTest {

    /** A real EK certificate whose keyUsage OID 55 1d 0f was mutated to 55 1d 8f (an unterminated arc). */
    @Test
    void malformedExtensionOidIsACertificateParseException() {
        byte[] der = RealData.cert("infineon-slb9665-ek-rsa-mfgca003.pem").der();
        String hex = HexFormat.of().formatHex(der);
        int at = hex.indexOf("0603551d0f");
        assertTrue(at >= 0, "the keyUsage extension is there");
        byte[] mutated = HexFormat.of().parseHex(hex.substring(0, at) + "0603551d8f" + hex.substring(at + 10));
        CertificateParseException e = assertThrows(CertificateParseException.class,
                () -> TpmCertificates.parseNv(mutated));
        assertTrue(e.getMessage().startsWith("malformed certificate"), e.getMessage());
    }
}

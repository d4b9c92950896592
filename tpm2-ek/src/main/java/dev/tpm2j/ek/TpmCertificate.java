package dev.tpm2j.ek;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A certificate from a TPM, a trust bundle or a caller, parsed leniently but truthfully: the exact DER, the JDK
 * certificate (whose signature checks use the original to-be-signed bytes, so non-DER encodings still verify), the
 * encoding quirks found, and the fields attestation needs (key ids, AIA, TPM manufacturer/model/version).
 *
 * @param certificate   the parsed certificate
 * @param der           the exact certificate bytes (NV header and padding removed)
 * @param publicKey     the subject key (RSA keys in rsaesOaep SubjectPublicKeyInfo are decoded as RSA)
 * @param quirks        encoding deviations found, each one plain sentence; empty for clean DER
 * @param subjectKeyId  the SubjectKeyIdentifier, if present
 * @param authorityKeyId the AuthorityKeyIdentifier keyIdentifier, if present
 * @param caIssuersUrls AIA caIssuers URLs
 * @param tpm           the TPM manufacturer / model / version from a subjectAltName directoryName, if present
 */
public record TpmCertificate(X509Certificate certificate, byte[] der, PublicKey publicKey, List<String> quirks,
                             byte[] subjectKeyId, byte[] authorityKeyId, List<String> caIssuersUrls,
                             Optional<TpmIdentity> tpm) {

    /** The TCG TPM attributes of an EK certificate's subjectAltName (e.g. {@code id:494E5443}). */
    public record TpmIdentity(String manufacturer, String model, String version) {
        /**
         * The four-letter TCG vendor id (INTC, IFX, NTC, …) decoded from {@code id:XXXXXXXX}, if it is one: eight
         * hex digits of printable ASCII (or zero) bytes; anything else is empty.
         */
        public Optional<String> vendorId() {
            if (manufacturer == null || !manufacturer.regionMatches(true, 0, "id:", 0, 3)
                    || manufacturer.length() != 11 || !manufacturer.substring(3).matches("[0-9A-Fa-f]{8}")) {
                return Optional.empty();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 3; i < 11; i += 2) {
                int c = Integer.parseInt(manufacturer.substring(i, i + 2), 16);
                if (c != 0 && (c < 0x20 || c >= 0x7f)) {
                    return Optional.empty();
                }
                if (c != 0) {
                    sb.append((char) c);
                }
            }
            return Optional.of(sb.toString().strip());
        }
    }

    public TpmCertificate {
        quirks = List.copyOf(quirks);
        caIssuersUrls = List.copyOf(caIssuersUrls);
    }

    /** Lower-case hex SHA-256 of {@link #der()}. */
    public String sha256() {
        return Hex.sha256(der);
    }

    /** RFC 2253 subject ("" for the empty subject EK certificates carry). */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }

    /** The serial number in hex (two's complement: negative serials keep their sign bit). */
    public String serialHex() {
        return Hex.of(certificate.getSerialNumber().toByteArray());
    }

    public boolean isCa() {
        return certificate.getBasicConstraints() >= 0;
    }

    public boolean isSelfIssued() {
        return java.util.Arrays.equals(certificate.getSubjectX500Principal().getEncoded(),
                certificate.getIssuerX500Principal().getEncoded());
    }

    public boolean isValidAt(Instant t) {
        return !t.isBefore(certificate.getNotBefore().toInstant()) && !t.isAfter(certificate.getNotAfter().toInstant());
    }

    /** "RSA 2048", "ECC P-256", … */
    public String keyType() {
        if (publicKey instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (publicKey instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "ECC P-" + bits;
        }
        return publicKey.getAlgorithm();
    }

    @Override
    public String toString() {
        return "TpmCertificate[subject=" + subject() + ", issuer=" + issuer() + ", sha256=" + sha256() + "]";
    }
}

package dev.tpm2j.ek;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

final class TpmCertificatesTestSupport {
    private TpmCertificatesTestSupport() {
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}

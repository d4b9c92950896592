package dev.tpm2j.ek;

/** Bytes that do not hold a usable X.509 certificate; the message says why (header, length, ASN.1, signature…). */
public final class CertificateParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with the reason. */
    public CertificateParseException(String message) {
        super(message);
    }

    /** An exception with the reason and its cause. */
    public CertificateParseException(String message, Throwable cause) {
        super(message, cause);
    }
}

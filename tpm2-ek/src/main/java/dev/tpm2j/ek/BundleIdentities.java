package dev.tpm2j.ek;

import java.security.cert.CertificateEncodingException;
import java.util.HashSet;
import java.util.Set;

/**
 * How path building recognises what a {@link TrustBundle} says about a certificate: an anchor by its exact bytes, its
 * JDK certificate (whose fields the rules read) and its key (whose signatures the search checks), all three as the
 * bundle's anchor has them, so a caller-built {@link TpmCertificate} pairing an anchor's bytes with another
 * certificate or key is not that anchor; a distrusted CA by its key, whoever supplies a certificate with it.
 */
final class BundleIdentities {
    private final Set<String> anchors = new HashSet<>();
    private final Set<String> distrustedKeys = new HashSet<>();

    BundleIdentities(TrustBundle trust) {
        for (TpmCertificate a : trust.anchors()) {
            anchors.add(anchorPrint(a));
        }
        for (TpmCertificate d : trust.distrusted()) {
            distrustedKeys.add(keyId(d));
        }
    }

    /** Whether {@code c} is one of the bundle's anchors, bytes, certificate and key alike. */
    boolean isAnchor(TpmCertificate c) {
        return anchors.contains(anchorPrint(c));
    }

    /** Whether the key with this {@link #keyId} is distrusted. */
    boolean isDistrustedKey(String keyId) {
        return distrustedKeys.contains(keyId);
    }

    /** The SHA-256 of a certificate's encoded public key, lower-case hex. */
    static String keyId(TpmCertificate c) {
        return Hex.sha256(c.publicKey().getEncoded());
    }

    private static String anchorPrint(TpmCertificate c) {
        byte[] encoded;
        try {
            encoded = c.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            encoded = new byte[0];
        }
        return c.sha256() + ":" + Hex.sha256(encoded) + ":" + keyId(c);
    }
}

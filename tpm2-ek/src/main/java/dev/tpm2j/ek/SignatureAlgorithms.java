package dev.tpm2j.ek;

import java.util.Map;

/**
 * The certificate signature algorithms a chain may use, by OID: the SHA-2 RSA, RSASSA-PSS, ECDSA and EdDSA
 * algorithms are accepted, SHA-1 is accepted with a note (old TPMs and their CAs used it), MD2, MD4 and MD5 are
 * refused (collisions are practical), and anything else is refused as unknown.
 */
final class SignatureAlgorithms {
    /** How a signature algorithm is treated. */
    enum Verdict {
        /** Accepted without comment. */
        ACCEPTED,
        /** Accepted, and the chain result notes it (SHA-1). */
        WEAK,
        /** Refused: the link does not count. */
        REFUSED
    }

    private static final Map<String, Verdict> BY_OID = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.11", Verdict.ACCEPTED), // sha256WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.12", Verdict.ACCEPTED), // sha384WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.13", Verdict.ACCEPTED), // sha512WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.14", Verdict.ACCEPTED), // sha224WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.10", Verdict.ACCEPTED), // RSASSA-PSS
            Map.entry("1.2.840.10045.4.3.1", Verdict.ACCEPTED),   // ecdsa-with-SHA224
            Map.entry("1.2.840.10045.4.3.2", Verdict.ACCEPTED),   // ecdsa-with-SHA256
            Map.entry("1.2.840.10045.4.3.3", Verdict.ACCEPTED),   // ecdsa-with-SHA384
            Map.entry("1.2.840.10045.4.3.4", Verdict.ACCEPTED),   // ecdsa-with-SHA512
            Map.entry("1.3.101.112", Verdict.ACCEPTED),           // Ed25519
            Map.entry("1.3.101.113", Verdict.ACCEPTED),           // Ed448
            Map.entry("1.2.840.113549.1.1.5", Verdict.WEAK),      // sha1WithRSAEncryption
            Map.entry("1.3.14.3.2.29", Verdict.WEAK),             // sha1WithRSASignature (OIW)
            Map.entry("1.2.840.10045.4.1", Verdict.WEAK),         // ecdsa-with-SHA1
            Map.entry("1.2.840.113549.1.1.2", Verdict.REFUSED),   // md2WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.3", Verdict.REFUSED),   // md4WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.4", Verdict.REFUSED)    // md5WithRSAEncryption
    );

    private SignatureAlgorithms() {
    }

    /** The verdict for a signature algorithm OID; unknown OIDs are refused. */
    static Verdict of(String oid) {
        return oid == null ? Verdict.REFUSED : BY_OID.getOrDefault(oid, Verdict.REFUSED);
    }
}

package dev.tpm2j.jca;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.cert.X509Certificate;
import java.util.List;

/** One entry of a {@code TPM2} key store: a TPM key with its certificate chain, or a trusted certificate. */
sealed interface StoredEntry permits StoredEntry.Key, StoredEntry.TrustedCertificate {
    /** The alias. */
    String alias();

    /** When the entry was made (milliseconds since the epoch). */
    long created();

    /**
     * A TPM key: its public area, its private part wrapped by the parent, the parent's name, and its chain (leaf
     * first; may be empty).
     */
    record Key(String alias, long created, TpmtPublic publicArea, Bytes privateBlob, Bytes parentName,
               List<X509Certificate> chain) implements StoredEntry {
        /** Copies the chain. */
        public Key {
            chain = List.copyOf(chain);
        }
    }

    /** A trusted certificate. */
    record TrustedCertificate(String alias, long created, X509Certificate certificate) implements StoredEntry {
    }
}

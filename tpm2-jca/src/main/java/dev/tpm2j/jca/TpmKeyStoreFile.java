package dev.tpm2j.jca;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;

/**
 * A {@code TPM2} key store kept in a file: {@code KeyStore.load(new TpmKeyStoreFile(path))} reads it (an absent file
 * is an empty store) and {@code KeyStore.store(new TpmKeyStoreFile(path))} — or {@code store(null)} after such a
 * load — replaces it atomically, so a crash mid-write leaves the previous file intact.
 *
 * @param path the key store file
 */
public record TpmKeyStoreFile(Path path) implements KeyStore.LoadStoreParameter {
    /** Checks the path. */
    public TpmKeyStoreFile {
        Objects.requireNonNull(path, "path");
    }

    /** No protection: the file holds no secrets (private parts are wrapped by the TPM). */
    @Override
    public KeyStore.ProtectionParameter getProtectionParameter() {
        return null;
    }
}

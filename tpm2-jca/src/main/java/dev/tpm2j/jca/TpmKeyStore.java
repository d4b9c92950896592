package dev.tpm2j.jca;

import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.ProviderException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KeyStore "TPM2": aliases map to TPM keys (public area, private part wrapped by the SRK, certificate chain) or
 * trusted certificates, loaded from and stored to a stream like PKCS12, or a file replaced atomically
 * ({@link TpmKeyStoreFile}). The store password is not used: nothing in the file is secret. A key's password is its
 * authValue; {@link #engineGetKey} proves it to the TPM and checks the key belongs to this TPM, and otherwise throws
 * {@link UnrecoverableTpmKeyException} naming the alias.
 */
final class TpmKeyStore extends KeyStoreSpi {
    private final TpmKeyService service;
    private final Map<String, StoredEntry> entries = new LinkedHashMap<>();
    private Path file;

    TpmKeyStore(TpmKeyService service) {
        this.service = service;
    }

    @Override
    public synchronized Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
        if (!(entries.get(alias) instanceof StoredEntry.Key k)) {
            return null;
        }
        byte[] auth;
        try {
            auth = AuthValues.of(password);
        } catch (IllegalArgumentException e) {
            throw new UnrecoverableTpmKeyException(alias, UnrecoverableTpmKeyException.Reason.WRONG_PASSWORD,
                    "entry '" + alias + "': " + e.getMessage(), null);
        }
        TpmPrivateKey key = TpmPrivateKey.of(service, k.publicArea(), k.privateBlob(), k.parentName(), auth);
        Arrays.fill(auth, (byte) 0);
        Bytes srk;
        try {
            srk = service.srkName();
        } catch (TpmException e) {
            throw new ProviderException("cannot reach the TPM: " + e.getMessage(), e);
        }
        if (!srk.equals(k.parentName())) {
            throw new UnrecoverableTpmKeyException(alias, UnrecoverableTpmKeyException.Reason.OTHER_TPM, "entry '"
                    + alias + "' belongs to another TPM (its parent " + k.parentName().toHex()
                    + " is not this TPM's SRK " + srk.toHex() + ")", null);
        }
        try {
            service.checkAuthValue(key);
        } catch (TpmResponseException e) {
            if (e.is(TpmRc.AUTH_FAIL) || e.is(TpmRc.BAD_AUTH)) {
                throw new UnrecoverableTpmKeyException(alias, UnrecoverableTpmKeyException.Reason.WRONG_PASSWORD,
                        "entry '" + alias + "': wrong key password", e);
            }
            if (e.commandCode() == TpmCc.Load && e.responseCode().format() == 1) {
                throw new UnrecoverableTpmKeyException(alias, UnrecoverableTpmKeyException.Reason.CORRUPT,
                        "entry '" + alias + "': the TPM refused the wrapped key (" + e.getMessage() + ")", e);
            }
            throw new ProviderException("entry '" + alias + "': " + e.getMessage(), e);
        } catch (TpmException e) {
            throw new ProviderException("entry '" + alias + "': " + e.getMessage(), e);
        }
        return key;
    }

    @Override
    public synchronized Certificate[] engineGetCertificateChain(String alias) {
        if (entries.get(alias) instanceof StoredEntry.Key k && !k.chain().isEmpty()) {
            return k.chain().toArray(new Certificate[0]);
        }
        return null;
    }

    @Override
    public synchronized Certificate engineGetCertificate(String alias) {
        StoredEntry e = entries.get(alias);
        if (e instanceof StoredEntry.Key k) {
            return k.chain().isEmpty() ? null : k.chain().get(0);
        }
        return e instanceof StoredEntry.TrustedCertificate c ? c.certificate() : null;
    }

    @Override
    public synchronized Date engineGetCreationDate(String alias) {
        StoredEntry e = entries.get(alias);
        return e == null ? null : new Date(e.created());
    }

    @Override
    public synchronized void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
            throws KeyStoreException {
        requireAlias(alias);
        if (!(key instanceof TpmPrivateKey k)) {
            throw new KeyStoreException("a TPM2 key store holds only TPM2J keys (made by the TPM2J KeyPairGenerator);"
                    + " got " + (key == null ? "null" : key.getClass().getName()));
        }
        List<X509Certificate> certs = x509(chain);
        if (!certs.isEmpty() && !PublicKeys.sameKey(certs.get(0).getPublicKey(), k.publicArea())) {
            throw new KeyStoreException("the first certificate of the chain for '" + alias
                    + "' is not for this key");
        }
        entries.put(alias, new StoredEntry.Key(alias, System.currentTimeMillis(), k.publicArea(), k.privateBlob(),
                k.parentName(), certs));
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
        throw new KeyStoreException("a TPM2 key store does not import encoded keys; keys are made in the TPM");
    }

    @Override
    public synchronized void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
        requireAlias(alias);
        if (entries.get(alias) instanceof StoredEntry.Key) {
            throw new KeyStoreException("'" + alias + "' is a key entry; set its chain with setKeyEntry");
        }
        if (!(cert instanceof X509Certificate x)) {
            throw new KeyStoreException("only X.509 certificates");
        }
        entries.put(alias, new StoredEntry.TrustedCertificate(alias, System.currentTimeMillis(), x));
    }

    private static void requireAlias(String alias) throws KeyStoreException {
        if (alias == null || alias.isEmpty()) {
            throw new KeyStoreException("empty alias");
        }
    }

    private static List<X509Certificate> x509(Certificate[] chain) throws KeyStoreException {
        if (chain == null) {
            return List.of();
        }
        if (chain.length > KeyStoreFormat.MAX_CHAIN) {
            throw new KeyStoreException("a chain of at most " + KeyStoreFormat.MAX_CHAIN + " certificates");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : chain) {
            if (!(c instanceof X509Certificate x)) {
                throw new KeyStoreException("only X.509 certificates");
            }
            out.add(x);
        }
        return out;
    }

    @Override
    public synchronized void engineDeleteEntry(String alias) {
        entries.remove(alias);
    }

    @Override
    public synchronized Enumeration<String> engineAliases() {
        return Collections.enumeration(new ArrayList<>(entries.keySet()));
    }

    @Override
    public synchronized boolean engineContainsAlias(String alias) {
        return entries.containsKey(alias);
    }

    @Override
    public synchronized int engineSize() {
        return entries.size();
    }

    @Override
    public synchronized boolean engineIsKeyEntry(String alias) {
        return entries.get(alias) instanceof StoredEntry.Key;
    }

    @Override
    public synchronized boolean engineIsCertificateEntry(String alias) {
        return entries.get(alias) instanceof StoredEntry.TrustedCertificate;
    }

    @Override
    public synchronized String engineGetCertificateAlias(Certificate cert) {
        for (StoredEntry e : entries.values()) {
            if (cert.equals(engineGetCertificate(e.alias()))) {
                return e.alias();
            }
        }
        return null;
    }

    @Override
    public synchronized void engineStore(OutputStream stream, char[] password) throws IOException {
        stream.write(KeyStoreFormat.write(new ArrayList<>(entries.values())));
        stream.flush();
    }

    @Override
    public synchronized void engineStore(KeyStore.LoadStoreParameter param) throws IOException {
        Path target = param instanceof TpmKeyStoreFile f ? f.path() : param == null ? file : null;
        if (target == null) {
            throw new IllegalArgumentException("store to a TpmKeyStoreFile (or load from one first)");
        }
        AtomicFile.write(target, KeyStoreFormat.write(new ArrayList<>(entries.values())));
        file = target;
    }

    @Override
    public synchronized void engineLoad(InputStream stream, char[] password) throws IOException {
        List<StoredEntry> read = stream == null ? List.of() : KeyStoreFormat.read(stream);
        replace(read);
        file = null;
    }

    @Override
    public synchronized void engineLoad(KeyStore.LoadStoreParameter param) throws IOException {
        if (param == null) {
            replace(List.of());
            file = null;
            return;
        }
        if (!(param instanceof TpmKeyStoreFile f)) {
            throw new IllegalArgumentException("load from a TpmKeyStoreFile or a stream");
        }
        List<StoredEntry> read;
        try {
            read = KeyStoreFormat.parse(Files.readAllBytes(checkedSize(f.path())));
        } catch (NoSuchFileException e) {
            read = List.of();
        }
        replace(read);
        file = f.path();
    }

    private static Path checkedSize(Path p) throws IOException {
        if (Files.exists(p) && Files.size(p) > KeyStoreFormat.MAX_FILE) {
            throw new TpmKeyStoreFormatException(null, p + " is larger than " + KeyStoreFormat.MAX_FILE + " bytes",
                    null);
        }
        return p;
    }

    private void replace(List<StoredEntry> read) {
        entries.clear();
        read.forEach(e -> entries.put(e.alias(), e));
    }

    @Override
    public boolean engineProbe(InputStream stream) throws IOException {
        return stream != null && KeyStoreFormat.probe(stream.readNBytes(KeyStoreFormat.MAGIC.length));
    }
}

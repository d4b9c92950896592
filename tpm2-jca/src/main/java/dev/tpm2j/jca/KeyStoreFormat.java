package dev.tpm2j.jca;

import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code TPM2} key store file. Big-endian: magic {@code "TPM2J-KS"}, u16 version 1, u32 entry count; each entry
 * u32 length, body, SHA-256 of the body. Body: u8 kind (1 key, 2 trusted certificate), u16-sized UTF-8 alias, u64
 * creation time; a key: TPM2B parent name, TPM2B_PUBLIC, TPM2B_PRIVATE, u8 chain length, each certificate u32-sized
 * DER; a certificate: u32-sized DER. Nothing in the file is secret (the private part is wrapped by the TPM), and every
 * length is bounded before anything is allocated.
 */
final class KeyStoreFormat {
    static final byte[] MAGIC = "TPM2J-KS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int MAX_FILE = 16 << 20;
    static final int MAX_ENTRIES = 4096;
    static final int MAX_ENTRY = 1 << 20;
    static final int MAX_ALIAS = 1024;
    static final int MAX_CHAIN = 16;
    static final int MAX_CERT = 64 << 10;
    private static final int KEY = 1;
    private static final int CERT = 2;
    private static final int HASH = 32;

    private KeyStoreFormat() {
    }

    /** Whether {@code head} starts like a key store file. */
    static boolean probe(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /** The file bytes of {@code entries}. */
    static byte[] write(List<StoredEntry> entries) throws IOException {
        TpmWriter w = new TpmWriter();
        w.raw(MAGIC);
        w.u16(VERSION);
        w.u32(entries.size());
        for (StoredEntry e : entries) {
            byte[] body = body(e);
            w.u32(body.length);
            w.raw(body);
            w.raw(sha256(body));
        }
        return w.toByteArray();
    }

    private static byte[] body(StoredEntry e) throws IOException {
        TpmWriter w = new TpmWriter();
        w.u8(e instanceof StoredEntry.Key ? KEY : CERT);
        byte[] alias = e.alias().getBytes(StandardCharsets.UTF_8);
        if (alias.length > MAX_ALIAS) {
            throw new IOException("alias longer than " + MAX_ALIAS + " bytes");
        }
        w.tpm2b(alias);
        w.u64(e.created());
        try {
            if (e instanceof StoredEntry.Key k) {
                w.tpm2b(k.parentName());
                w.sized(inner -> k.publicArea().marshal(inner));
                w.tpm2b(k.privateBlob());
                w.u8(k.chain().size());
                for (X509Certificate c : k.chain()) {
                    certificate(w, c);
                }
            } else if (e instanceof StoredEntry.TrustedCertificate c) {
                certificate(w, c.certificate());
            }
        } catch (CertificateEncodingException ex) {
            throw new IOException("cannot encode the certificate of '" + e.alias() + "'", ex);
        }
        return w.toByteArray();
    }

    private static void certificate(TpmWriter w, X509Certificate c) throws CertificateEncodingException {
        byte[] der = c.getEncoded();
        w.u32(der.length);
        w.raw(der);
    }

    /** Reads a whole key store from {@code in} (at most {@value #MAX_FILE} bytes). */
    static List<StoredEntry> read(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_FILE + 1);
        if (all.length > MAX_FILE) {
            throw new TpmKeyStoreFormatException(null, "larger than " + MAX_FILE + " bytes", null);
        }
        return parse(all);
    }

    /** Parses key store file bytes. */
    static List<StoredEntry> parse(byte[] file) throws TpmKeyStoreFormatException {
        TpmReader r = TpmReader.of(file);
        int count;
        try {
            byte[] magic = r.raw(MAGIC.length, "key store magic");
            if (!Arrays.equals(magic, MAGIC)) {
                throw new TpmKeyStoreFormatException(null, "not a TPM2 key store (bad magic)", null);
            }
            int version = r.u16("key store version");
            if (version != VERSION) {
                throw new TpmKeyStoreFormatException(null, "unsupported key store version " + version, null);
            }
            count = r.u32("entry count");
        } catch (TpmException e) {
            throw new TpmKeyStoreFormatException(null, "truncated header: " + e.getMessage(), e);
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw new TpmKeyStoreFormatException(null, "implausible entry count " + Integer.toUnsignedString(count),
                    null);
        }
        List<StoredEntry> out = new ArrayList<>(Math.min(count, 64));
        Set<String> aliases = new HashSet<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            byte[] body;
            byte[] hash;
            try {
                int length = r.u32("entry length");
                if (length < 0 || length > MAX_ENTRY || length > r.remaining()) {
                    throw new TpmKeyStoreFormatException(null, "entry " + (i + 1) + (previous == null ? ""
                            : " (after '" + previous + "')") + " is truncated or implausibly long", null);
                }
                body = r.raw(length, "entry");
                hash = r.raw(HASH, "entry checksum");
            } catch (TpmException e) {
                throw new TpmKeyStoreFormatException(null, "entry " + (i + 1) + (previous == null ? ""
                        : " (after '" + previous + "')") + " is truncated", e);
            }
            String alias = aliasOf(body);
            if (!MessageDigest.isEqual(hash, sha256(body))) {
                throw new TpmKeyStoreFormatException(alias, "checksum mismatch: the entry is corrupt", null);
            }
            StoredEntry e = entry(body, alias);
            if (!aliases.add(e.alias())) {
                throw new TpmKeyStoreFormatException(e.alias(), "the alias appears twice", null);
            }
            out.add(e);
            previous = e.alias();
        }
        if (r.hasRemaining()) {
            throw new TpmKeyStoreFormatException(null, r.remaining() + " bytes after the last entry", null);
        }
        return out;
    }

    /** The alias at the start of an entry body, best effort (for error messages), or null. */
    private static String aliasOf(byte[] body) {
        try {
            TpmReader r = TpmReader.of(body);
            r.u8("kind");
            return new String(r.tpm2bRaw("alias", MAX_ALIAS), StandardCharsets.UTF_8);
        } catch (TpmException e) {
            return null;
        }
    }

    private static StoredEntry entry(byte[] body, String alias) throws TpmKeyStoreFormatException {
        try {
            TpmReader r = TpmReader.of(body);
            int kind = r.u8("kind");
            r.tpm2bRaw("alias", MAX_ALIAS);
            long created = r.u64("creation time");
            StoredEntry e;
            if (kind == KEY) {
                Bytes parent = r.tpm2b("parent name", Limits.NAME);
                TpmReader pub = r.sized("TPM2B_PUBLIC", Limits.PUBLIC);
                TpmtPublic publicArea = TpmtPublic.read(pub);
                pub.expectEnd("TPM2B_PUBLIC");
                Bytes priv = r.tpm2b("TPM2B_PRIVATE", Limits.PRIVATE);
                int n = r.u8("chain length");
                if (n > MAX_CHAIN) {
                    throw new TpmKeyStoreFormatException(alias, "chain of " + n + " certificates", null);
                }
                List<X509Certificate> chain = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    chain.add(certificate(r, alias));
                }
                checkKey(alias, publicArea, chain);
                e = new StoredEntry.Key(alias, created, publicArea, priv, parent, chain);
            } else if (kind == CERT) {
                e = new StoredEntry.TrustedCertificate(alias, created, certificate(r, alias));
            } else {
                throw new TpmKeyStoreFormatException(alias, "unknown entry kind " + kind, null);
            }
            r.expectEnd("entry");
            return e;
        } catch (TpmException | IllegalArgumentException e) {
            throw new TpmKeyStoreFormatException(alias, "malformed entry: " + e.getMessage(), e);
        }
    }

    private static void checkKey(String alias, TpmtPublic pub, List<X509Certificate> chain)
            throws TpmKeyStoreFormatException {
        if ((pub.type() != TpmAlgId.RSA && pub.type() != TpmAlgId.ECC)
                || !TpmKeyService.isProviderKey(pub.objectAttributes())) {
            throw new TpmKeyStoreFormatException(alias, "not an unrestricted RSA or ECC key ("
                    + TpmAlgId.name(pub.type()) + ", " + pub.objectAttributes() + ")", null);
        }
        PublicKeys.toJca(pub);
        if (!chain.isEmpty() && !PublicKeys.sameKey(chain.get(0).getPublicKey(), pub)) {
            throw new TpmKeyStoreFormatException(alias, "the certificate does not match the key", null);
        }
    }

    private static X509Certificate certificate(TpmReader r, String alias) throws TpmKeyStoreFormatException {
        int length = r.u32("certificate length");
        if (length < 0 || length > MAX_CERT || length > r.remaining()) {
            throw new TpmKeyStoreFormatException(alias, "certificate length " + Integer.toUnsignedString(length),
                    null);
        }
        byte[] der = r.raw(length, "certificate");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new TpmKeyStoreFormatException(alias, "unreadable certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}

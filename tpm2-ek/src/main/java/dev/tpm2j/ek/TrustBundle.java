package dev.tpm2j.ek;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The certificates a verifier trusts (anchors — not necessarily self-signed) and the untrusted intermediates it may
 * use to build paths. Loads PEM bundles (including the "TPM trust bundle" format with {@code #} comments), single
 * DER/PEM files, directories of them, Java KeyStores / PKCS#12 files, and an extracted Microsoft TrustedTpm.cab tree
 * (vendor {@code RootCA/} folders as anchors, {@code IntermediateCA/} folders as path material). Immutable.
 */
public final class TrustBundle {
    private static final TrustBundle EMPTY = new TrustBundle(List.of(), List.of(), List.of(), List.of());

    private final List<TpmCertificate> anchors;
    private final List<TpmCertificate> intermediates;
    private final List<String> problems;
    private final List<TpmCertificate> distrusted;

    private TrustBundle(List<TpmCertificate> anchors, List<TpmCertificate> intermediates, List<String> problems,
                        List<TpmCertificate> distrusted) {
        this.anchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(intermediates);
        this.problems = List.copyOf(problems);
        this.distrusted = List.copyOf(distrusted);
    }

    /** A bundle that trusts nothing. */
    public static TrustBundle empty() {
        return EMPTY;
    }

    /** Trust anchors. */
    public List<TpmCertificate> anchors() {
        return anchors;
    }

    /** Untrusted intermediates available for path building. */
    public List<TpmCertificate> intermediates() {
        return intermediates;
    }

    /** Files or entries that could not be loaded, one sentence each (loading continues past them). */
    public List<String> problems() {
        return problems;
    }

    /** A bundle with these certificates added as trust anchors (lifting the distrust of any of their keys). */
    public TrustBundle withAnchors(List<TpmCertificate> more) {
        List<TpmCertificate> a = new ArrayList<>(anchors);
        a.addAll(more);
        return new TrustBundle(a, intermediates, problems, distrustedWithout(more));
    }

    /** A bundle with these certificates added as untrusted intermediates (lifting the distrust of their keys). */
    public TrustBundle withIntermediates(List<TpmCertificate> more) {
        List<TpmCertificate> i = new ArrayList<>(intermediates);
        i.addAll(more);
        return new TrustBundle(anchors, i, problems, distrustedWithout(more));
    }

    /**
     * A bundle that refuses these CAs' keys as links of any path, whoever supplies a certificate with them (the
     * device's NV chain, AIA, the caller's candidates): what a bundle leaves out on purpose (a pre-production CA that
     * chains to a production root) would otherwise come back as path material from the device itself. A certificate
     * added later with {@link #withAnchors} or {@link #withIntermediates} lifts the distrust of its key.
     */
    public TrustBundle withDistrusted(List<TpmCertificate> more) {
        List<TpmCertificate> d = new ArrayList<>(distrusted);
        d.addAll(more);
        return new TrustBundle(anchors, intermediates, problems, d);
    }

    /** The CAs whose keys no path may use (see {@link #withDistrusted}). */
    public List<TpmCertificate> distrusted() {
        return distrusted;
    }

    private List<TpmCertificate> distrustedWithout(List<TpmCertificate> added) {
        if (distrusted.isEmpty()) {
            return distrusted;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        added.forEach(c -> keys.add(BundleIdentities.keyId(c)));
        return distrusted.stream().filter(c -> !keys.contains(BundleIdentities.keyId(c))).toList();
    }

    /**
     * Adds every certificate found at {@code path} (file or directory) as anchors; for an extracted TrustedTpm.cab
     * tree (or one vendor folder of it), the {@code RootCA} certificates as anchors and the {@code IntermediateCA}
     * ones as intermediates, as Windows uses them.
     */
    public TrustBundle withAnchorsFrom(Path path) throws IOException {
        if (Files.isDirectory(path) && TrustedTpmCab.isCabTree(path)) {
            TrustedTpmCab.Layout cab = TrustedTpmCab.files(path);
            Loaded roots = loadAll(cab.roots());
            Loaded inters = loadAll(cab.intermediates());
            return new TrustBundle(concat(anchors, roots.certificates), concat(intermediates, inters.certificates),
                    concat(concat(problems, roots.problems), inters.problems),
                    distrustedWithout(concat(roots.certificates, inters.certificates)));
        }
        Loaded l = load(path, null);
        return new TrustBundle(concat(anchors, l.certificates), intermediates, concat(problems, l.problems),
                distrustedWithout(l.certificates));
    }

    /**
     * Adds every certificate found at {@code path} as untrusted intermediates (for a TrustedTpm.cab tree, the roots
     * and intermediates of every vendor folder).
     */
    public TrustBundle withIntermediatesFrom(Path path) throws IOException {
        if (Files.isDirectory(path) && TrustedTpmCab.isCabTree(path)) {
            TrustedTpmCab.Layout cab = TrustedTpmCab.files(path);
            List<Path> all = concat(cab.roots(), cab.intermediates());
            Loaded l = loadAll(all);
            return new TrustBundle(anchors, concat(intermediates, l.certificates), concat(problems, l.problems),
                distrustedWithout(l.certificates));
        }
        Loaded l = load(path, null);
        return new TrustBundle(anchors, concat(intermediates, l.certificates), concat(problems, l.problems),
                distrustedWithout(l.certificates));
    }

    private static Loaded loadAll(List<Path> files) throws IOException {
        List<TpmCertificate> certs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            loadFile(f, null, certs, problems);
        }
        return new Loaded(certs, problems);
    }

    /** Adds the certificates of a JKS / PKCS#12 key store as anchors. */
    public TrustBundle withAnchorsFromKeyStore(Path path, char[] password) throws IOException {
        Loaded l = load(path, password);
        return new TrustBundle(concat(anchors, l.certificates), intermediates, concat(problems, l.problems),
                distrustedWithout(l.certificates));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    record Loaded(List<TpmCertificate> certificates, List<String> problems) {
    }

    /** Loads certificates from a file or directory, collecting problems instead of stopping at the first. */
    static Loaded load(Path path, char[] password) throws IOException {
        List<TpmCertificate> certs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der")) {
                    loadFile(f, password, certs, problems);
                }
            }
        } else {
            loadFile(path, password, certs, problems);
        }
        return new Loaded(certs, problems);
    }

    private static void loadFile(Path f, char[] password, List<TpmCertificate> certs, List<String> problems)
            throws IOException {
        if (!Files.isRegularFile(f)) {
            problems.add(f + ": not a regular file (a device, FIFO or folder is never read as certificates)");
            return;
        }
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jks") || n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".keystore")) {
            loadKeyStore(f, password, certs, problems);
            return;
        }
        long size = Files.size(f);
        if (size > 64L * 1024 * 1024) {
            problems.add(f + ": " + size + " bytes is too large for a certificate bundle");
            return;
        }
        byte[] bytes = Files.readAllBytes(f);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                certs.add(TpmCertificates.parseNv(bytes));
            } catch (CertificateParseException e) {
                problems.add(f + ": " + e.getMessage());
            }
            return;
        }
        int i = 0;
        int index = 0;
        while ((i = text.indexOf("-----BEGIN CERTIFICATE-----", i)) >= 0) {
            int end = text.indexOf("-----END CERTIFICATE-----", i);
            index++;
            if (end < 0) {
                problems.add(f + ": certificate " + index + " has no END line");
                break;
            }
            String b64 = text.substring(i + 27, end).replaceAll("\\s", "");
            try {
                certs.add(TpmCertificates.parse(java.util.Base64.getDecoder().decode(b64)));
            } catch (CertificateParseException | IllegalArgumentException e) {
                problems.add(f + ": certificate " + index + ": " + e.getMessage());
            }
            i = end;
        }
    }

    private static void loadKeyStore(Path f, char[] password, List<TpmCertificate> certs, List<String> problems)
            throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            KeyStore ks = KeyStore.getInstance(n.endsWith(".jks") || n.endsWith(".keystore") ? "JKS" : "PKCS12");
            ks.load(in, password);
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                String alias = e.nextElement();
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    try {
                        certs.add(TpmCertificates.parse(x.getEncoded()));
                    } catch (CertificateParseException | GeneralSecurityException ex) {
                        problems.add(f + ": entry " + alias + ": " + ex.getMessage());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            problems.add(f + ": not a readable key store: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TrustBundle[" + anchors.size() + " anchors, " + intermediates.size() + " intermediates"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problems") + "]";
    }

    /** Unmodifiable view of everything, anchors first. */
    List<TpmCertificate> all() {
        List<TpmCertificate> out = new ArrayList<>(anchors);
        out.addAll(intermediates);
        return Collections.unmodifiableList(out);
    }
}

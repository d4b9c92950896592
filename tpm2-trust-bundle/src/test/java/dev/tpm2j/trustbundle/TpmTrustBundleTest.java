package dev.tpm2j.trustbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The build-time check of the shipped bundle: every certificate parses, is a CA, is unexpired on the bundle date or
 * flagged, carries its provenance; the files are exactly what {@link BundleBuilder} makes from the public bundle in
 * {@code testdata/}; and the real Intel on-die chains (ADL, MTL) reach the Intel OnDie root through it.
 */
class TpmTrustBundleTest {

    static Path testdata() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("testdata");
            if (Files.isRegularFile(c.resolve("README.md")) && Files.isDirectory(c.resolve("tpm-trust-bundle"))) {
                return c;
            }
        }
        return fail("the project's testdata/ folder was not found");
    }

    static X509Certificate x509(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static X509Certificate file(String name) throws Exception {
        byte[] b = Files.readAllBytes(testdata().resolve("real-ek").resolve(name));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(b));
    }

    @Test
    void everyCertificateParsesIsACaAndIsUnexpiredOnTheBundleDateOrFlagged() throws Exception {
        TpmTrustBundle b = TpmTrustBundle.shipped();
        assertTrue(b.version().matches("\\d{4}\\.\\d{2}\\.\\d{2}-\\d+"), b.version());
        assertEquals(b.date().replace("-", "."), b.version().substring(0, 10));
        assertEquals(47, b.roots().size(), "26 from the public bundle, 21 more from TrustedTpm.cab");
        assertEquals(361, b.intermediates().size(), "143 public, 6 Intel On-Die, the rest from TrustedTpm.cab");
        Instant day = LocalDate.parse(b.date()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Set<String> prints = new HashSet<>();
        List<TpmTrustBundle.Entry> all = new ArrayList<>(b.roots());
        all.addAll(b.intermediates());
        for (TpmTrustBundle.Entry e : all) {
            X509Certificate c = x509(e.der());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.der())), e.sha256());
            assertTrue(prints.add(e.sha256()), "duplicate " + e);
            assertEquals(c.getSubjectX500Principal().getName(), e.subject());
            assertEquals(c.getNotAfter().toInstant().toString(), e.notAfter());
            assertTrue(c.getBasicConstraints() >= 0 || (c.getVersion() < 3 && e.flags().contains("v1")),
                    e + " is not a CA");
            assertTrue(c.getNotAfter().toInstant().isAfter(day) || e.flags().contains("expired"),
                    e + " expired before the bundle date and is not flagged");
            assertFalse(e.provenance().isBlank(), e + " has no provenance");
        }
        assertTrue(b.intermediates().stream().anyMatch(e -> e.subject().contains("ODCA 2 CSME P_ADL 00002820 Issuing CA")
                && e.provenance().contains("testdata/real-ek/intel-odca-2-csme-p-adl-00002820-issuing-ca.pem")));
        assertTrue(b.roots().stream().allMatch(e -> e.provenance().contains("dated 2026-04-11")
                || e.provenance().startsWith("Microsoft TrustedTpm.cab (21-November-2024), ")));
    }

    @Test
    void theShippedFilesAreWhatTheBuilderMakesFromThePublicBundle() throws Exception {
        Path td = testdata();
        List<Path> extras = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("extra-intermediates.txt"))) {
            if (!l.isBlank() && !l.startsWith("#")) {
                extras.add(td.resolve("real-ek").resolve(l.strip()));
            }
        }
        Map<String, byte[]> built = BundleBuilder.build(new BundleBuilder.Inputs(
                td.resolve("tpm-trust-bundle/roots.pem"), td.resolve("tpm-trust-bundle/intermediates.pem"), extras,
                BundleBuilder.DEFAULT_EXTRA_PROVENANCE, td.resolve("trustedtpm-cab"), Path.of("cab-exclusions.txt"),
                2));
        assertEquals(Set.of("roots.pem", "intermediates.pem", "bundle.properties"), built.keySet());
        for (Map.Entry<String, byte[]> e : built.entrySet()) {
            try (var in = TpmTrustBundle.class.getResourceAsStream("/dev/tpm2j/trustbundle/" + e.getKey())) {
                assertArrayEquals(in.readAllBytes(), e.getValue(), e.getKey() + " differs from a rebuild: run tpm2-trust-bundle/refresh");
            }
        }
    }

    @Test
    void theBuilderRefusesACertificateThatIsNotACa() throws Exception {
        Path td = testdata();
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> BundleBuilder.build(
                new BundleBuilder.Inputs(td.resolve("tpm-trust-bundle/roots.pem"),
                        td.resolve("tpm-trust-bundle/intermediates.pem"),
                        List.of(td.resolve("real-ek/intel-odca-2-csme-mtl-soc-svn-01-ptt-ca.pem"),
                                td.resolve("real-ek/intel-ptt-adl-ek-rsa.pem")), "%s", null, null, 1)));
        assertTrue(e.getMessage().contains("not a CA"), e.getMessage());
    }

    /** Walks issuer links by signature from {@code leaf} through {@code onDie} and the bundle to a shipped root. */
    static List<String> pathToRoot(X509Certificate leaf, List<X509Certificate> onDie) throws Exception {
        TpmTrustBundle b = TpmTrustBundle.shipped();
        List<X509Certificate> pool = new ArrayList<>(onDie);
        for (TpmTrustBundle.Entry e : b.intermediates()) {
            pool.add(x509(e.der()));
        }
        Set<X509Certificate> roots = new HashSet<>();
        for (TpmTrustBundle.Entry e : b.roots()) {
            roots.add(x509(e.der()));
        }
        List<String> path = new ArrayList<>();
        X509Certificate at = leaf;
        for (int depth = 0; depth < 10; depth++) {
            for (X509Certificate r : roots) {
                if (r.getSubjectX500Principal().equals(at.getIssuerX500Principal()) && verifies(at, r)) {
                    path.add(r.getSubjectX500Principal().getName());
                    return path;
                }
            }
            X509Certificate next = null;
            for (X509Certificate c : pool) {
                if (c.getSubjectX500Principal().equals(at.getIssuerX500Principal()) && verifies(at, c)) {
                    next = c;
                }
            }
            if (next == null) {
                return fail("no issuer for " + at.getSubjectX500Principal() + " after " + path);
            }
            path.add(next.getSubjectX500Principal().getName());
            at = next;
        }
        return fail("too deep: " + path);
    }

    static boolean verifies(X509Certificate child, X509Certificate issuer) {
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theRealIntelOnDieChainsReachTheOnDieRoot() throws Exception {
        List<String> adl = pathToRoot(file("intel-ptt-adl-ek-rsa.pem"), List.of(file("intel-csme-adl-ptt-01svn.pem"),
                file("intel-csme-adl-svn01-kernel-ca.pem"), file("intel-csme-adl-rom-ca.pem")));
        assertTrue(adl.contains("CN=www.intel.com,OU=ODCA 2 CSME P_ADL 00002820 Issuing CA"), adl.toString());
        assertTrue(adl.get(adl.size() - 1).contains("OU=OnDie CA Root Cert Signing"), adl.toString());
        List<String> mtl = pathToRoot(file("intel-ptt-mtl-ek-rsa.pem"), List.of(
                file("intel-odca-2-csme-mtl-soc-svn-01-ptt-ca.pem"), file("intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem"),
                file("intel-odca-2-csme-mtl-soc-rom-ca.pem")));
        assertTrue(mtl.contains("CN=www.intel.com,OU=ODCA 2 CSME P_MTL SOC 00003043 Issuing CA"), mtl.toString());
        assertTrue(mtl.get(mtl.size() - 1).contains("OU=OnDie CA Root Cert Signing"), mtl.toString());
    }
}

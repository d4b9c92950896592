package dev.tpm2j.trustbundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped bundle against what Windows trusts (Microsoft's TrustedTpm.cab in {@code testdata/trustedtpm-cab}):
 * every EK root of a vendor folder is a bundle root, or a bundle intermediate whose chain reaches a bundle root by
 * signature; every EK intermediate is in the bundle; whatever is left out is named in
 * {@code cab-exclusions.txt} with a reason.
 */
class CabCoverageTest {
    static Path cab() {
        return TpmTrustBundleTest.testdata().resolve("trustedtpm-cab");
    }

    static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    static Set<String> prints(List<TpmTrustBundle.Entry> entries) {
        return entries.stream().map(TpmTrustBundle.Entry::sha256).collect(Collectors.toSet());
    }

    @Test
    void everyCabRootAndIntermediateIsInTheBundleOrExcludedWithAReason() throws Exception {
        Map<String, String> excluded = CabSource.exclusions(Path.of("cab-exclusions.txt"));
        assertFalse(excluded.isEmpty());
        excluded.forEach((file, why) -> assertTrue(why.length() > 20, file + ": a reason, not a word"));
        CabSource all = CabSource.read(cab(), Map.of());
        TpmTrustBundle b = TpmTrustBundle.shipped();
        Set<String> roots = prints(b.roots());
        Set<String> inters = prints(b.intermediates());
        List<X509Certificate> rootCerts = new ArrayList<>();
        for (TpmTrustBundle.Entry e : b.roots()) {
            rootCerts.add(TpmTrustBundleTest.x509(e.der()));
        }
        int checked = 0;
        List<String> missing = new ArrayList<>();
        for (CabSource.File f : all.roots()) {
            String sha = sha256(f.der());
            if (excluded.containsKey(f.relative()) || roots.contains(sha)) {
                checked++;
                continue;
            }
            // a cab root the public bundle already carries as an intermediate: it must chain to a bundle root
            if (inters.contains(sha) && chainsToARoot(TpmTrustBundleTest.x509(f.der()), rootCerts)) {
                checked++;
                continue;
            }
            missing.add(f.relative());
        }
        for (CabSource.File f : all.intermediates()) {
            String sha = sha256(f.der());
            if (excluded.containsKey(f.relative()) || inters.contains(sha) || roots.contains(sha)) {
                checked++;
            } else {
                missing.add(f.relative());
            }
        }
        assertEquals(List.of(), missing, "cab certificates neither in the bundle nor excluded");
        assertTrue(checked > 350, "the whole cab was compared: " + checked);
        for (String file : excluded.keySet()) {
            assertTrue(Files.isRegularFile(cab().resolve(file)), "an exclusion names a file the cab has: " + file);
        }
    }

    /** The roots Windows trusts for pre-11th-gen Intel PTT, Qualcomm and Infineon OPTIGA are bundle roots. */
    /**
     * Every cab file the bundle leaves out is shipped as distrusted (so a verifier refuses it as a link even when a
     * device supplies it), and nothing else is.
     */
    @Test
    void everyExcludedCabFileIsShippedAsDistrusted() throws Exception {
        Map<String, String> excluded = CabSource.exclusions(Path.of("cab-exclusions.txt"));
        Set<String> expected = new java.util.TreeSet<>();
        for (String file : excluded.keySet()) {
            expected.add(sha256(Files.readAllBytes(cab().resolve(file))));
        }
        List<TpmTrustBundle.Entry> distrusted = TpmTrustBundle.shipped().distrusted();
        assertEquals(expected, new java.util.TreeSet<>(prints(distrusted)));
        for (TpmTrustBundle.Entry e : distrusted) {
            assertEquals(TpmTrustBundle.Role.DISTRUSTED, e.role());
            assertEquals(e.sha256(), sha256(e.der()), "the header names the certificate it precedes");
        }
        Set<String> bundled = new java.util.HashSet<>(prints(TpmTrustBundle.shipped().roots()));
        bundled.addAll(prints(TpmTrustBundle.shipped().intermediates()));
        assertTrue(distrusted.stream().noneMatch(e -> bundled.contains(e.sha256())), "distrusted and trusted at once");
    }

    @Test
    void rootsTheIssueNamedAreAnchors() {
        List<String> subjects = TpmTrustBundle.shipped().roots().stream().map(TpmTrustBundle.Entry::subject).toList();
        for (String want : List.of("OU=TPM EK root cert signing", "CN=Infineon OPTIGA(TM) RSA Root CA 3",
                "CN=Infineon OPTIGA(TM) ECC Root CA 3", "CN=Atmel TPM Root Signing Module",
                "CN=Microsoft TPM Root Certificate Authority 2014")) {
            assertTrue(subjects.stream().anyMatch(s -> s.contains(want)), want + " in " + subjects);
        }
    }

    @Test
    void aStaleOrMalformedExclusionListIsRefused(@TempDir Path dir) throws IOException {
        Path stale = dir.resolve("stale.txt");
        Files.writeString(stale, "Intel/RootCA/NoSuchFile.cer\tleft out for a reason long enough to count\n");
        IOException e = assertThrows(IOException.class, () -> CabSource.read(cab(), CabSource.exclusions(stale)));
        assertTrue(e.getMessage().contains("NoSuchFile.cer"), e.getMessage());
        Path noReason = dir.resolve("noreason.txt");
        Files.writeString(noReason, "Intel/RootCA/EKRootPublicKey.cer\n");
        assertThrows(IOException.class, () -> CabSource.exclusions(noReason));
    }

    static boolean chainsToARoot(X509Certificate c, List<X509Certificate> roots) {
        for (X509Certificate r : roots) {
            if (r.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && TpmTrustBundleTest.verifies(c, r)) {
                return true;
            }
        }
        return false;
    }
}

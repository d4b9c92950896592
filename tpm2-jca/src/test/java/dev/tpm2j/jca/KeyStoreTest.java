package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import dev.tpm2j.simulator.ToolProcess;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * KeyStore "TPM2": entries round-trip through a stream and a file with the CA-issued certificate next to the TPM key;
 * keytool lists them; a corrupt file, a key from another TPM and a wrong key password each give a typed error naming
 * the alias (the wrong password counting once against the lockout counter); a write killed before its rename leaves
 * the file intact.
 */
@ExtendWith(SwtpmExtension.class)
class KeyStoreTest {
    private static final char[] KEY_PASSWORD = "correct horse".toCharArray();
    private static Tpm2jProvider provider;
    private static TestPki pki;

    @BeforeAll
    static void start(Swtpm sim) throws Exception {
        provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
        pki = new TestPki("tpm2j test CA");
    }

    @AfterAll
    static void stop() {
        provider.disconnect();
    }

    private static KeyPair ecKey(Tpm2jProvider p, char[] password) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", p);
        kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec("secp256r1"),
                TpmKeyGenParameterSpec.Purpose.SIGN, password));
        return kpg.generateKeyPair();
    }

    /** A store with "client" (TPM key, CA-issued certificate, CA) and "ca" (trusted certificate). */
    private static KeyStore storeWithEntries(KeyPair kp) throws Exception {
        KeyStore ks = KeyStore.getInstance("TPM2", provider);
        ks.load(null, null);
        ks.setKeyEntry("client", kp.getPrivate(), KEY_PASSWORD, new Certificate[] {pki.issue(kp.getPublic(),
                "first", false)});
        assertEquals(1, ks.getCertificateChain("client").length);
        // the CA issues a new certificate for the TPM key; it replaces the chain next to the key, as keytool
        // -importcert of a certificate reply does (getKey, then setKeyEntry with the new chain)
        X509Certificate issued = pki.issue(kp.getPublic(), "tpm client", false);
        PrivateKey again = (PrivateKey) ks.getKey("client", KEY_PASSWORD);
        ks.setKeyEntry("client", again, KEY_PASSWORD, new Certificate[] {issued, pki.caCert});
        ks.setCertificateEntry("ca", pki.caCert);
        return ks;
    }

    @Test
    void entriesRoundTripWithTheIssuedCertificateNextToTheKey(@TempDir Path dir) throws Exception {
        KeyPair kp = ecKey(provider, KEY_PASSWORD);
        KeyStore ks = storeWithEntries(kp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, null);

        KeyStore back = KeyStore.getInstance("TPM2", provider);
        back.load(new ByteArrayInputStream(out.toByteArray()), null);
        assertEquals(List.of("client", "ca"), Collections.list(back.aliases()));
        assertTrue(back.isKeyEntry("client"));
        assertTrue(back.isCertificateEntry("ca"));
        assertEquals(2, back.getCertificateChain("client").length);
        assertEquals("client", back.getCertificateAlias(back.getCertificate("client")));
        PrivateKey key = (PrivateKey) back.getKey("client", KEY_PASSWORD);
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(back.getCertificate("client"));
        v.update(new byte[] {1, 2, 3});
        assertTrue(v.verify(sig), "the stored key signs for the stored certificate");

        // a certificate for another key is refused next to this key
        KeyPair other = ecKey(provider, null);
        assertThrows(KeyStoreException.class, () -> back.setKeyEntry("client", key, KEY_PASSWORD,
                new Certificate[] {pki.issue(other.getPublic(), "other", false)}));
        assertThrows(KeyStoreException.class, () -> back.setCertificateEntry("client", pki.caCert));

        // the file-backed store: replaced atomically, found by KeyStore.load(TpmKeyStoreFile)
        Path file = dir.resolve("keys.tpm2");
        back.store(new TpmKeyStoreFile(file));
        KeyStore fromFile = KeyStore.getInstance("TPM2", provider);
        fromFile.load(new TpmKeyStoreFile(file));
        assertEquals(2, fromFile.size());
        fromFile.deleteEntry("ca");
        fromFile.store(null);
        KeyStore again = KeyStore.getInstance("TPM2", provider);
        again.load(new TpmKeyStoreFile(file));
        assertEquals(List.of("client"), Collections.list(again.aliases()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void keytoolListsTheEntries(Swtpm sim, @TempDir Path dir) throws Exception {
        KeyStore ks = storeWithEntries(ecKey(provider, KEY_PASSWORD));
        Path file = dir.resolve("keys.tpm2");
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, null);
        }
        String providerPath = String.join(File.pathSeparator, location(Tpm2jProvider.class),
                location(Bytes.class), location(dev.tpm2j.transport.SwtpmTransport.class));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ToolProcess.Result r = Tools.run(List.of(keytool, "-list", "-keystore", file.toString(), "-storetype",
                "TPM2", "-storepass", "unused", "-providerpath", providerPath, "-providerclass",
                Tpm2jProvider.class.getName(), "-providerarg", sim.tpmSpec()));
        assertEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("Your keystore contains 2 entries"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*client, [^\\n]*PrivateKeyEntry.*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*ca, [^\\n]*trustedCertEntry.*"), r.stdout());
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void wrongKeyPasswordIsTypedAndCountsOnce() throws Exception {
        KeyStore ks = storeWithEntries(ecKey(provider, KEY_PASSWORD));
        int before = provider.service().lockoutCounter();
        UnrecoverableTpmKeyException e = assertThrows(UnrecoverableTpmKeyException.class,
                () -> ks.getKey("client", "wrong".toCharArray()));
        assertEquals("client", e.alias());
        assertEquals(UnrecoverableTpmKeyException.Reason.WRONG_PASSWORD, e.reason());
        assertEquals(before + 1, provider.service().lockoutCounter(), "one authorization failure counted");
        assertNotNull(ks.getKey("client", KEY_PASSWORD));
        assertEquals(before + 1, provider.service().lockoutCounter());
    }

    @Test
    void aCorruptFileNamesTheAlias() throws Exception {
        KeyStore ks = storeWithEntries(ecKey(provider, KEY_PASSWORD));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, null);
        byte[] good = out.toByteArray();

        // a flipped byte inside the "ca" entry (after its alias): its checksum fails and the error names it
        byte[] bad = good.clone();
        int at = indexOf(bad, "ca".getBytes(StandardCharsets.UTF_8), indexOf(bad, "client".getBytes(
                StandardCharsets.UTF_8), 0) + 6);
        bad[at + 40] ^= 0x01;
        TpmKeyStoreFormatException e = assertThrows(TpmKeyStoreFormatException.class,
                () -> KeyStore.getInstance("TPM2", provider).load(new ByteArrayInputStream(bad), null));
        assertEquals("ca", e.alias());

        // truncated: a typed error, never a partial store
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 10);
        assertThrows(TpmKeyStoreFormatException.class,
                () -> KeyStore.getInstance("TPM2", provider).load(new ByteArrayInputStream(cut), null));
        byte[] notAStore = "PKCS12 or something".getBytes(StandardCharsets.US_ASCII);
        assertThrows(TpmKeyStoreFormatException.class,
                () -> KeyStore.getInstance("TPM2", provider).load(new ByteArrayInputStream(notAStore), null));
    }

    @Test
    void aWrappedBlobTheTpmRefusesNamesTheAlias() throws Exception {
        KeyPair kp = ecKey(provider, null);
        TpmPrivateKey key = (TpmPrivateKey) kp.getPrivate();
        byte[] blob = key.privateBlob().toByteArray();
        blob[blob.length - 5] ^= 0x01;
        // a well-formed file (checksums recomputed) whose wrapped private part was altered
        byte[] file = KeyStoreFormat.write(List.of(new StoredEntry.Key("tampered", 0, key.publicArea(),
                Bytes.of(blob), key.parentName(), List.of())));
        KeyStore ks = KeyStore.getInstance("TPM2", provider);
        ks.load(new ByteArrayInputStream(file), null);
        UnrecoverableTpmKeyException e = assertThrows(UnrecoverableTpmKeyException.class,
                () -> ks.getKey("tampered", null));
        assertEquals("tampered", e.alias());
        assertEquals(UnrecoverableTpmKeyException.Reason.CORRUPT, e.reason());
    }

    @Test
    void aKeyFromAnotherTpmNamesTheAlias() throws Exception {
        byte[] file;
        try (Swtpm other = Swtpm.start()) {
            Tpm2jProvider otherProvider = (Tpm2jProvider) new Tpm2jProvider().configure(other.tpmSpec());
            try {
                KeyPair kp = ecKey(otherProvider, null);
                KeyStore ks = KeyStore.getInstance("TPM2", otherProvider);
                ks.load(null, null);
                ks.setKeyEntry("elsewhere", kp.getPrivate(), null, new Certificate[] {pki.issue(kp.getPublic(),
                        "elsewhere", false)});
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ks.store(out, null);
                file = out.toByteArray();
            } finally {
                otherProvider.disconnect();
            }
        }
        KeyStore here = KeyStore.getInstance("TPM2", provider);
        here.load(new ByteArrayInputStream(file), null);
        UnrecoverableTpmKeyException e = assertThrows(UnrecoverableTpmKeyException.class,
                () -> here.getKey("elsewhere", null));
        assertEquals("elsewhere", e.alias());
        assertEquals(UnrecoverableTpmKeyException.Reason.OTHER_TPM, e.reason());
    }

    @Test
    void aWriteKilledBeforeItsRenameLeavesTheFileIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.tpm2");
        KeyStore ks = storeWithEntries(ecKey(provider, KEY_PASSWORD));
        ks.store(new TpmKeyStoreFile(file));
        byte[] before = Files.readAllBytes(file);
        Path cert = Tools.pem(dir, "extra.pem", pki.issue(pki.caKeys.getPublic(), "extra", false));

        Process child = child(file, cert, "hang");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = r.readLine()) != null && !line.equals("WRITTEN")) {
                seen.add(line);
            }
            assertEquals("WRITTEN", line, "child output: " + seen);
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                        "the new content is on disk in a temporary file");
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the killed write did not touch the store");
        KeyStore reopened = KeyStore.getInstance("TPM2", provider);
        reopened.load(new TpmKeyStoreFile(file));
        assertEquals(List.of("client", "ca"), Collections.list(reopened.aliases()));
        assertNotNull(reopened.getKey("client", KEY_PASSWORD));

        // the same write, not killed, replaces the file (the stale temporary file from the crash is harmless)
        Process ok = child(file, cert, "store");
        assertTrue(ok.waitFor(60, TimeUnit.SECONDS));
        String output = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ok.exitValue(), output);
        reopened.load(new TpmKeyStoreFile(file));
        assertEquals(List.of("client", "ca", "added"), Collections.list(reopened.aliases()));
        assertFalse(Files.readAllBytes(file).length == before.length);
    }

    private static Process child(Path file, Path cert, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                file.toString(), cert.toString(), mode).redirectErrorStream(true).start();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

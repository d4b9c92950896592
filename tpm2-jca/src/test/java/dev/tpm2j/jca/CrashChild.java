package dev.tpm2j.jca;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The child JVM of {@link KeyStoreTest}'s crash test: loads the store, adds a certificate entry, and writes the
 * file through the store's atomic replacement. With {@code hang}, it stops between writing the temporary file and
 * renaming it (printing WRITTEN) and waits to be killed.
 */
final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        boolean hang = args[2].equals("hang");
        KeyStore ks = KeyStore.getInstance("TPM2", new Tpm2jProvider());
        ks.load(new TpmKeyStoreFile(store));
        X509Certificate cert;
        try (FileInputStream in = new FileInputStream(args[1])) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        ks.setCertificateEntry("added", cert);
        if (!hang) {
            ks.store(null);
            System.out.println("STORED");
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ks.store(bytes, null);
        AtomicFile.write(store, bytes.toByteArray(), () -> {
            System.out.println("WRITTEN");
            System.out.flush();
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}

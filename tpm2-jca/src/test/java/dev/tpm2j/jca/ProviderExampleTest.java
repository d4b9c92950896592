package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.jca.TpmKeyGenParameterSpec.Purpose;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's provider example, compiled and run against swtpm (integration-tests checks the README shows it). */
@ExtendWith(SwtpmExtension.class)
class ProviderExampleTest {
    /** The example's CA. */
    record Ca(TestPki pki) {
        X509Certificate issue(PublicKey key) throws Exception {
            return pki.issue(key, "example", false);
        }

        X509Certificate certificate() {
            return pki.caCert;
        }
    }

    @Test
    void theReadmeExampleRuns(Swtpm sim, @TempDir Path dir) throws Exception {
        String selection = sim.tpmSpec();
        char[] password = "example password".toCharArray();
        byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Ca ca = new Ca(new TestPki("example CA"));
        Path file = dir.resolve("keys.tpm2");
        TrustManager[] trustManagers = null;
        try {
            // --- begin README example jca
            Provider tpm = new Tpm2jProvider().configure(selection);   // e.g. "device:/dev/tpmrm0"
            Security.addProvider(tpm);                                 // JSSE finds the Signature by key type
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", tpm);
            kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec("secp256r1"), Purpose.SIGN, password));
            KeyPair kp = kpg.generateKeyPair();                        // TPM2_Create under the SRK at 0x81000001
            Signature s = Signature.getInstance("SHA256withECDSA", tpm);
            s.initSign(kp.getPrivate());                               // a TpmEcPrivateKey: getEncoded() is null
            s.update(data);
            byte[] signature = s.sign();                               // DER; verify with kp.getPublic() anywhere
            X509Certificate issued = ca.issue(kp.getPublic());         // your CA
            KeyStore ks = KeyStore.getInstance("TPM2", tpm);
            ks.load(new TpmKeyStoreFile(file));                        // an absent file is an empty store
            ks.setKeyEntry("client", kp.getPrivate(), password, new Certificate[] {issued, ca.certificate()});
            ks.store(null);                                            // replaces the file atomically
            SSLContext tls = TpmKeyManager.of(ks, "client", password).sslContext("TLSv1.3", trustManagers);
            // --- end README example jca
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(issued);
            v.update(data);
            assertTrue(v.verify(signature));
            assertNotNull(tls);
            KeyStore back = KeyStore.getInstance("TPM2", tpm);
            back.load(new TpmKeyStoreFile(file));
            assertEquals(List.of("client"), Collections.list(back.aliases()));
        } finally {
            if (Security.getProvider(Tpm2jProvider.NAME) instanceof Tpm2jProvider installed) {
                installed.disconnect();
            }
            Security.removeProvider(Tpm2jProvider.NAME);
        }
    }
}

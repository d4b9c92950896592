package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The provider is found as a {@code java.security.Provider} service, is configured the standard way, and declares its
 * services with the attributes delayed provider selection relies on. No TPM is touched.
 */
class ProviderRegistrationTest {
    @Test
    void serviceLoaderFindsTheProvider() {
        List<Provider> found = ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.getName().equals("TPM2J")).toList();
        assertEquals(1, found.size());
        assertTrue(found.get(0) instanceof Tpm2jProvider);
    }

    @Test
    void configureGivesANewInstanceForTheSelectionString() {
        Tpm2jProvider unconfigured = new Tpm2jProvider();
        assertNull(unconfigured.tpmSpec());
        Provider p = unconfigured.configure(" swtpm:host=127.0.0.1,port=2321 ");
        assertNotSame(unconfigured, p);
        assertEquals("swtpm:host=127.0.0.1,port=2321", ((Tpm2jProvider) p).tpmSpec());
        assertNull(unconfigured.tpmSpec());
        assertNull(((Tpm2jProvider) unconfigured.configure("")).tpmSpec());
    }

    @Test
    void servicesDeclareTheirKeyClasses() {
        Provider p = new Tpm2jProvider();
        for (String[] s : new String[][] {{"Signature", "SHA256withRSA", "TpmRsaPrivateKey"},
                {"Signature", "RSASSA-PSS", "TpmRsaPrivateKey"}, {"Signature", "SHA384withECDSA", "TpmEcPrivateKey"},
                {"KeyAgreement", "ECDH", "TpmEcPrivateKey"}, {"Cipher", "RSA", "TpmRsaPrivateKey"}}) {
            Provider.Service svc = p.getService(s[0], s[1]);
            assertNotNull(svc, s[0] + "." + s[1]);
            assertEquals("dev.tpm2j.jca." + s[2], svc.getAttribute("SupportedKeyClasses"));
            assertEquals("Hardware", svc.getAttribute("ImplementedIn"));
        }
        assertNotNull(p.getService("Signature", "1.2.840.10045.4.3.2"), "OID alias");
        assertNotNull(p.getService("KeyStore", "TPM2"));
        assertTrue(p.getService("Cipher", "RSA").getAttribute("SupportedPaddings").contains("OAEPPADDING"));
    }

    @Test
    void installedProviderServesTheKeyStoreWithoutATpm() throws Exception {
        Provider p = new Tpm2jProvider().configure("swtpm:host=127.0.0.1,port=1");
        Security.addProvider(p);
        try {
            KeyStore ks = KeyStore.getInstance("TPM2");
            assertEquals("TPM2J", ks.getProvider().getName());
            ks.load(null, null);
            assertEquals(0, ks.size());
        } finally {
            Security.removeProvider("TPM2J");
        }
    }
}

package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.keyattest.KeyVerdict;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ca.AttestationException;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ca.KeyAttestationCa;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/**
 * Generate → certify → reference CA → certificate stored under the alias → mTLS, in one test on a swtpm provisioned
 * like an Intel PTT (EK certificate chain in NV): the issued certificate carries the EK-verified-by-certificate
 * issuance policy; a PKCS#10 request signed by the TPM key through Bouncy Castle verifies.
 */
class KeyAttestationRoundTripTest {
    private static final String EK_CERT_POLICY = "1.3.6.1.4.1.311.21.31";

    @Test
    void attestedKeyIsCertifiedStoredAndUsedForMutualTls() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            Tpm2jProvider provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
            Security.addProvider(provider);
            try {
                run(sim, provider);
            } finally {
                Security.removeProvider(Tpm2jProvider.NAME);
                provider.disconnect();
            }
        }
    }

    private static void run(Swtpm sim, Tpm2jProvider provider) throws Exception {
        TrustBundle trust = TrustBundle.empty().withAnchorsFrom(sim.provisioned().rootPem())
                .withIntermediatesFrom(sim.provisioned().intermediatesPem());
        KeyAttestationCa ca = new KeyAttestationCa(trust, Set.of(), Clock.systemUTC(), Duration.ofMinutes(5));
        KeyPair kp = KeyPairGenerator.getInstance("EC", provider).generateKeyPair();
        TpmPrivateKey key = (TpmPrivateKey) kp.getPrivate();

        // a CSR signed by the TPM key (Bouncy Castle's PKCS#10 builder over the provider's Signature)
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=tpm key"),
                kp.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider)
                .build(key));
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(kp.getPublic())));

        X509Certificate issued = provider.withTpm(tpm -> {
            try {
                EkInventory inv = EkInventory.read(tpm);
                EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow();
                CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
                AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(),
                        KeyTemplates.AK_ECC_P256);
                try {
                    KeyAttestationCa.Challenge ch = ca.challenge(new KeyAttestationCa.EkEvidence(ekKey.outPublic(),
                            new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                            inv.chainCertificates()), ak.publicArea(), ak.name());
                    byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                            ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), ch.credential());
                    tpm.flushContext(ekKey.objectHandle());
                    TpmKeyAttestation.Statement s = TpmKeyAttestation.certify(key, ak.handle(), new byte[0],
                            ch.certifyNonce());
                    KeyVerdict v = s.verify(AttestationKey.of(ak.publicArea()), ch.certifyNonce());
                    assertInstanceOf(KeyVerdict.Attested.class, v, v.toString());
                    KeyVerdict otherNonce = s.verify(AttestationKey.of(ak.publicArea()), Bytes.of(new byte[8]));
                    assertTrue(!(otherNonce instanceof KeyVerdict.Attested), otherNonce.toString());
                    return ca.complete(ch.id(), answer, s.keyPublic(), s.certifyMessage(), s.signature());
                } finally {
                    tpm.flushQuietly(ak.handle());
                    tpm.flushQuietly(ekKey.objectHandle());
                }
            } catch (AttestationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(PublicKeys.sameKey(issued.getPublicKey(), key.publicArea()));
        CertificatePolicies policies = CertificatePolicies.getInstance(ASN1OctetString.getInstance(
                issued.getExtensionValue("2.5.29.32")).getOctets());
        assertEquals(EK_CERT_POLICY, policies.getPolicyInformation()[0].getPolicyIdentifier().getId());

        // stored under the alias next to the key, then presented in mutual TLS
        KeyStore ks = KeyStore.getInstance("TPM2", provider);
        ks.load(null, null);
        ks.setKeyEntry("attested", key, null, new Certificate[] {issued, ca.certificate()});
        X509Certificate seen = mutualTls(TpmKeyManager.of(ks, "attested", null), ca.certificate());
        assertEquals(issued, seen);
    }

    /** Connects to a JDK server that requires a client certificate from {@code clientCa}; returns what it saw. */
    private static X509Certificate mutualTls(TpmKeyManager km, X509Certificate clientCa) throws Exception {
        TestPki serverPki = new TestPki("server CA");
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair serverKeys = kpg.generateKeyPair();
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry("server", serverKeys.getPrivate(), "x".toCharArray(), new Certificate[] {
                serverPki.issue(serverKeys.getPublic(), "localhost", true), serverPki.caCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(serverStore, "x".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLSv1.3");
        serverCtx.init(kmf.getKeyManagers(), trust(clientCa).getTrustManagers(), null);
        try (SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<X509Certificate> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    return (X509Certificate) s.getSession().getPeerCertificates()[0];
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket c = (SSLSocket) km.sslContext("TLSv1.3", trust(serverPki.caCert).getTrustManagers())
                    .getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                c.startHandshake();
                assertEquals("ok", new BufferedReader(new InputStreamReader(c.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine());
            }
            return seen.get(30, TimeUnit.SECONDS);
        }
    }

    private static TrustManagerFactory trust(X509Certificate anchor) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        return tmf;
    }
}

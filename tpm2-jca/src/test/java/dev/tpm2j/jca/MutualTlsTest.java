package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSSE presents a TPM key as the TLS client certificate: against a JDK {@link SSLServerSocket} and
 * {@code openssl s_server -Verify} on loopback, TLS 1.3 and 1.2, RSA (PSS and PKCS#1 v1.5) and ECDSA; the server sees
 * the certificate the CA issued for the TPM key.
 */
@ExtendWith(SwtpmExtension.class)
class MutualTlsTest {
    private static Tpm2jProvider provider;
    private static TestPki pki;
    private static KeyPair serverKeys;
    private static X509Certificate serverCert;

    @BeforeAll
    static void start(Swtpm sim) throws Exception {
        provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
        Security.addProvider(provider);
        pki = new TestPki("tpm2j TLS test CA");
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        serverKeys = kpg.generateKeyPair();
        serverCert = pki.issue(serverKeys.getPublic(), "localhost", true);
    }

    @AfterAll
    static void stop() {
        Security.removeProvider(Tpm2jProvider.NAME);
        provider.disconnect();
    }

    /** A TPM client key with a CA-issued certificate, through a TPM2 key store. */
    private static TpmKeyManager clientKey(String alg, String cn) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance(alg, provider);
        kpg.initialize(alg.equals("EC") ? 256 : 2048);
        KeyPair kp = kpg.generateKeyPair();
        KeyStore ks = KeyStore.getInstance("TPM2", provider);
        ks.load(null, null);
        ks.setKeyEntry("client", kp.getPrivate(), null, new Certificate[] {pki.issue(kp.getPublic(), cn, false),
                pki.caCert});
        return TpmKeyManager.of(ks, "client", null);
    }

    private static TrustManager[] trustCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKeys.getPrivate(), "x".toCharArray(), new Certificate[] {serverCert,
                pki.caCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trustCa(), null);
        return ctx;
    }

    @Test
    void jdkServerSeesTheTpmClientCertificate() throws Exception {
        for (String alg : List.of("EC", "RSA")) {
            TpmKeyManager km = clientKey(alg, "tpm " + alg);
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                try (SSLServerSocket server = (SSLServerSocket) serverContext().getServerSocketFactory()
                        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    server.setNeedClientAuth(true);
                    server.setEnabledProtocols(new String[] {protocol});
                    CompletableFuture<X509Certificate> seen = CompletableFuture.supplyAsync(() -> {
                        try (SSLSocket s = (SSLSocket) server.accept()) {
                            s.startHandshake();
                            X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
                            s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                            return peer;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    SSLContext ctx = km.sslContext(protocol, trustCa());
                    try (SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket(
                            InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                        c.startHandshake();
                        assertEquals(protocol, c.getSession().getProtocol());
                        String line = new BufferedReader(new InputStreamReader(c.getInputStream(),
                                StandardCharsets.US_ASCII)).readLine();
                        assertEquals("ok", line);
                    }
                    assertEquals(km.getCertificateChain("client")[0], seen.get(30, TimeUnit.SECONDS),
                            alg + " " + protocol);
                }
            }
        }
    }

    @Test
    void opensslServerVerifiesTheTpmClientCertificate(@TempDir Path dir) throws Exception {
        Path cert = Tools.pem(dir, "server.pem", serverCert);
        Path key = Tools.write(dir.resolve("server.key"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
        Path ca = Tools.pem(dir, "ca.pem", pki.caCert);
        TpmKeyManager rsa = clientKey("RSA", "tpm rsa client");
        TpmKeyManager ec = clientKey("EC", "tpm ec client");
        record Case(TpmKeyManager km, String protocol, String clientSigalgs, String signatureType) {
        }
        List<Case> cases = List.of(
                new Case(rsa, "TLSv1.3", "rsa_pss_rsae_sha256", "RSA-PSS"),
                new Case(rsa, "TLSv1.2", "rsa_pss_rsae_sha256", "RSA-PSS"),
                new Case(rsa, "TLSv1.2", "RSA+SHA256", "RSA"),
                new Case(ec, "TLSv1.3", "ECDSA+SHA256", "ECDSA"),
                new Case(ec, "TLSv1.2", "ECDSA+SHA256", "ECDSA"));
        for (Case k : cases) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                    cert.toString(), "-key", key.toString(), "-CAfile", ca.toString(), "-Verify", "2",
                    "-verify_return_error", k.protocol().equals("TLSv1.3") ? "-tls1_3" : "-tls1_2",
                    "-client_sigalgs", k.clientSigalgs(), "-naccept", "1").redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("ACCEPT")) {
                    out.append(line).append('\n');
                }
                SSLContext ctx = k.km().sslContext(k.protocol(), trustCa());
                try (SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                        port)) {
                    c.startHandshake();
                    assertEquals(k.protocol(), c.getSession().getProtocol());
                    OutputStream os = c.getOutputStream();
                    os.write("hello from the TPM\n".getBytes(StandardCharsets.US_ASCII));
                    os.flush();
                    // s_server prints the connection details once it reads; wait for the echo of our line
                    while ((line = r.readLine()) != null) {
                        out.append(line).append('\n');
                        if (line.contains("hello from the TPM")) {
                            break;
                        }
                    }
                }
                assertTrue(server.waitFor(30, TimeUnit.SECONDS), out.toString());
                out.append(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                server.destroyForcibly();
            }
            String o = out.toString();
            String cn = k.km().getCertificateChain("client")[0].getSubjectX500Principal().getName()
                    .replace("CN=", "");
            assertTrue(o.contains("subject=CN = " + cn), k + "\n" + o);
            assertTrue(o.contains("Peer signature type: " + k.signatureType() + "\n"), k + "\n" + o);
            assertTrue(o.contains("hello from the TPM"), o);
        }
    }
}

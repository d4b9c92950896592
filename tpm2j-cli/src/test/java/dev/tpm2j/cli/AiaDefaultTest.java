package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.math.BigInteger;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AIA fetching is on by default in the CLI, only for a missing link: an EK certificate whose issuer is served by a
 * local HTTP server becomes trusted, with the fetched link's provenance ({@code aia:<url>}, "fetched from …" on
 * stderr); {@code --offline} fetches nothing; a chain that is already complete never touches the network.
 */
class AiaDefaultTest {

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static X509Certificate issue(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca,
                                 String aia) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (aia != null) {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, aia))));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void aMissingIssuerIsFetchedByDefaultAndNeverWithOffline(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/issuing.cer";
            KeyPair rootKeys = ec();
            KeyPair issuingKeys = ec();
            X509Certificate root = issue("CN=AIA Test Root", rootKeys, "CN=AIA Test Root", rootKeys, true, null);
            X509Certificate issuing = issue("CN=AIA Test Issuing CA", issuingKeys, "CN=AIA Test Root", rootKeys, true,
                    null);
            X509Certificate ek = issue("CN=AIA Test EK", ec(), "CN=AIA Test Issuing CA", issuingKeys, false, url);
            serve(server, issuing.getEncoded(), requests);
            Path rootPem = Files.writeString(dir.resolve("root.pem"), pem(root));
            Path issuingPem = Files.writeString(dir.resolve("issuing.pem"), pem(issuing));

            try (Swtpm sim = Swtpm.start(Profile.BARE)) {
                try (Tpm tpm = sim.openTpm()) {
                    DefaultTrustTest.platformIndex(tpm, 0x01C00002, ek.getEncoded());
                }
                String[] base = {"--tpm", sim.tpmSpec(), "--json", "ek-chain", "--no-default-trust", "--trust",
                        rootPem.toString()};

                CliRunner.Result offline = CliRunner.run(concat(base, "--offline"));
                assertEquals(Tpm2jCli.FINDING, offline.exit(), offline.out() + offline.err());
                assertEquals(url, offline.json().get("missingIssuerUrl").asText());
                assertEquals(0, requests.get(), "--offline fetches nothing");

                CliRunner.Result complete = CliRunner.run(concat(base, "--intermediates", issuingPem.toString()));
                assertEquals(0, complete.exit(), complete.out() + complete.err());
                assertEquals(0, requests.get(), "a complete chain never touches the network");

                CliRunner.Result fetched = CliRunner.run(base);
                assertEquals(0, fetched.exit(), fetched.out() + fetched.err());
                JsonNode chain = fetched.json().get("chain");
                assertTrue(fetched.json().get("trusted").asBoolean());
                assertEquals("aia:" + url, chain.get(1).get("source").asText());
                assertEquals("CN=AIA Test Issuing CA", chain.get(1).get("subject").asText());
                assertTrue(fetched.err().contains("fetched from " + url), fetched.err());
                assertEquals(1, requests.get());
                assertFalse(chain.get(chain.size() - 1).get("source").asText().startsWith("aia:"),
                        "a fetched certificate is never the anchor");
            }
        }
    }

    /** A one-file HTTP/1.1 responder (the JDK's HttpServer is outside this module's reads). */
    static void serve(ServerSocket server, byte[] body, AtomicInteger requests) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    InputStream in = c.getInputStream();
                    StringBuilder head = new StringBuilder();
                    int b;
                    while ((b = in.read()) >= 0) {
                        head.append((char) b);
                        if (head.toString().endsWith("\r\n\r\n")) {
                            break;
                        }
                    }
                    requests.incrementAndGet();
                    OutputStream out = c.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (java.io.IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}

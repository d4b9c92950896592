package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AIA fetching over a local HTTP server: bounded, signature-checked before use, never an anchor. */
class AiaFetcherTest {
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    byte[] issuingCa;

    @BeforeEach
    void start() throws Exception {
        issuingCa = Files.readAllBytes(RealData.realEk("intel-odca-2-csme-p-adl-00002820-issuing-ca.pem"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.cer", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, issuingCa.length);
            ex.getResponseBody().write(issuingCa);
            ex.close();
        });
        server.createContext("/garbage", ex -> {
            byte[] b = "not a certificate".getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/huge", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            for (int i = 0; i < 64; i++) {
                ex.getResponseBody().write(chunk);
            }
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void fetchesParsesAndBoundsWhatItReads() {
        AiaFetcher http = AiaFetcher.http(Duration.ofMillis(500), 64 * 1024);
        assertTrue(http.fetch(url("/ca.cer")).orElseThrow().subject().contains("ODCA 2 CSME P_ADL 00002820"));
        assertEquals(Optional.empty(), http.fetch(url("/garbage")));
        assertEquals(Optional.empty(), http.fetch(url("/huge")), "over the size bound");
        assertEquals(Optional.empty(), http.fetch(url("/missing")));
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), http.fetch(url("/slow")));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2500, "bounded by the timeout");
        assertEquals(Optional.empty(), http.fetch("file:///etc/passwd"), "only http(s)");
    }

    @Test
    void theMissingIssuingCaIsFetchedFromTheRomCasAiaAndChecked() {
        AiaFetcher http = AiaFetcher.http(Duration.ofSeconds(2), 64 * 1024);
        // the ROM CA's AIA names Intel's server; here it is served from loopback
        AiaFetcher local = u -> u.startsWith("https://tsci.intel.com/") ? http.fetch(url("/ca.cer")) : Optional.empty();
        EkChain.Result r = EkChain.verify(new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"), "nv:0x01c00002"),
                RealEkCertificatesTest.nv("intel-csme-adl-rom-ca.pem", "intel-csme-adl-svn01-kernel-ca.pem",
                        "intel-csme-adl-ptt-01svn.pem"), RealData.bundle(), List.of(), RealEkCertificatesTest.AT, local);
        assertTrue(r.trusted(), r.problems().toString());
        assertTrue(r.chain().stream().anyMatch(l -> l.source().startsWith("aia:https://tsci.intel.com/")),
                r.chain().toString());
        assertTrue(requests.get() >= 1);

        // a fetched certificate that does not sign the child is not used
        AiaFetcher wrong = u -> Optional.of(RealData.cert("intel-odca-2-csme-p-mtl-soc-00003043-issuing-ca.pem"));
        EkChain.Result bad = EkChain.verify(new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"), "nv:0x01c00002"),
                RealEkCertificatesTest.nv("intel-csme-adl-rom-ca.pem", "intel-csme-adl-svn01-kernel-ca.pem",
                        "intel-csme-adl-ptt-01svn.pem"), RealData.bundle(), List.of(), RealEkCertificatesTest.AT, wrong);
        assertTrue(!bad.trusted() && bad.problems().get(0).startsWith("missing link"), bad.problems().toString());
    }
}

package dev.tpm2j.ek;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches an issuer certificate from an AIA caIssuers URL. Off unless a caller passes one to {@link EkChain}. A
 * fetched certificate is only a candidate: it joins the chain only if it verifies the child's signature, and it is
 * never a trust anchor.
 */
public interface AiaFetcher {
    /** The certificate at {@code url}, or empty when it cannot be fetched or parsed. */
    Optional<TpmCertificate> fetch(String url);

    /**
     * The default fetcher over {@code java.net.http}: http(s) only, bounded time and size, DER or PEM bodies.
     *
     * @param timeout  connect and response timeout
     * @param maxBytes the largest body accepted
     */
    static AiaFetcher http(Duration timeout, int maxBytes) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return url -> {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return Optional.empty();
            }
            try {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() != 200) {
                        return Optional.empty();
                    }
                    byte[] body = in.readNBytes(maxBytes + 1);
                    if (body.length > maxBytes) {
                        return Optional.empty();
                    }
                    return Optional.of(TpmCertificates.parseDerOrPem(body));
                }
            } catch (IOException | CertificateParseException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}

package dev.tpm2j.diagnose.readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The true time the clock-skew check compares the system clock with: none, a given instant, or unavailable. */
public sealed interface ReferenceTime {
    /** No reference: the clock-skew check warns that it was not checked. */
    record None() implements ReferenceTime {
    }

    /**
     * A reference instant and where it came from.
     *
     * @param instant the true time
     * @param source  e.g. {@code --reference-time} or {@code the Date header of https://…}
     */
    record Given(Instant instant, String source) implements ReferenceTime {
    }

    /** A reference was asked for but could not be obtained, and why. */
    record Unavailable(String why) implements ReferenceTime {
    }

    /** The Date header of an http(s) server (a HEAD request, bounded by {@code timeout}). */
    static ReferenceTime fromHttpDateHeader(String url, Duration timeout) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new Unavailable(url + " is not an http(s) URL");
            }
            HttpClient c = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<Void> resp = c.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            String date = resp.headers().firstValue("Date").orElse(null);
            if (date == null) {
                return new Unavailable(url + " sent no Date header");
            }
            return new Given(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                    "the Date header of " + url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        } catch (java.io.IOException | java.time.DateTimeException | IllegalArgumentException e) {
            return new Unavailable(e.getMessage());
        }
    }
}

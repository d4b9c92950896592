package dev.tpm2j.trustbundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The TPM trust bundle shipped in this jar: TPM manufacturer root certificates (trust anchors) and intermediate CA
 * certificates (path-building material, never anchors), each with where it came from. It is data, dated like a CA
 * certificates package ({@link #version()}), and is refreshed with {@link BundleBuilder} without a library release.
 * JDK only: callers parse the DER themselves.
 */
public final class TpmTrustBundle {
    private static final String BASE = "/dev/tpm2j/trustbundle/";

    /** Whether a certificate is a trust anchor or only material for building paths. */
    public enum Role {
        /** A trust anchor: a manufacturer root. */
        ROOT,
        /** An intermediate CA: used to build a path, trusted only through a root. */
        INTERMEDIATE,
        /**
         * A CA left out on purpose (cab-exclusions.txt) that chains to a root: never a link of a path, whoever
         * supplies it, unless a caller adds it explicitly.
         */
        DISTRUSTED
    }

    /**
     * One certificate of the bundle.
     *
     * @param role       anchor or intermediate
     * @param subject    the subject as recorded when the bundle was built
     * @param sha256     lower-case hex SHA-256 of the DER
     * @param notAfter   the end of validity (ISO-8601 instant)
     * @param provenance where the certificate came from, one sentence
     * @param flags      why a certificate needs a second look ({@code expired}, {@code v1}); empty for most
     * @param der        the certificate, DER encoded
     */
    public record Entry(Role role, String subject, String sha256, String notAfter, String provenance,
                        List<String> flags, byte[] der) {
        /** Copies the lists and bytes so an entry cannot change. */
        public Entry {
            flags = List.copyOf(flags);
            der = der.clone();
        }

        /** The certificate, DER encoded (a copy). */
        @Override
        public byte[] der() {
            return der.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.role == role && e.sha256.equals(sha256);
        }

        @Override
        public int hashCode() {
            return sha256.hashCode() * 31 + role.hashCode();
        }

        @Override
        public String toString() {
            return role + " " + subject + " (" + sha256 + ")";
        }
    }

    private final String version;
    private final String date;
    private final String sources;
    private final List<Entry> roots;
    private final List<Entry> intermediates;
    private final List<Entry> distrusted;

    private TpmTrustBundle(String version, String date, String sources, List<Entry> roots, List<Entry> intermediates,
                           List<Entry> distrusted) {
        this.version = version;
        this.date = date;
        this.sources = sources;
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        this.distrusted = List.copyOf(distrusted);
    }

    private static volatile TpmTrustBundle shipped;

    /**
     * The bundle in this jar (read once).
     *
     * @throws UncheckedIOException when the jar's resources are missing or damaged (a broken build, never user input)
     */
    public static TpmTrustBundle shipped() {
        TpmTrustBundle b = shipped;
        if (b == null) {
            Properties p = new Properties();
            try (InputStream in = resource("bundle.properties")) {
                p.load(in);
                b = new TpmTrustBundle(p.getProperty("version"), p.getProperty("date"), p.getProperty("sources"),
                        parse(Role.ROOT, new String(read("roots.pem"), StandardCharsets.UTF_8)),
                        parse(Role.INTERMEDIATE, new String(read("intermediates.pem"), StandardCharsets.UTF_8)),
                        parse(Role.DISTRUSTED, new String(read("distrusted.pem"), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("the shipped TPM trust bundle cannot be read: " + e.getMessage(), e);
            }
            shipped = b;
        }
        return b;
    }

    /** The bundle's dated version, e.g. {@code 2026.04.11-1} (source bundle date, then our revision). */
    public String version() {
        return version;
    }

    /** The date of the source bundle (ISO-8601 date); expiry flags are relative to it. */
    public String date() {
        return date;
    }

    /** The sources the bundle was built from, one sentence. */
    public String sources() {
        return sources;
    }

    /** The trust anchors (manufacturer roots). */
    public List<Entry> roots() {
        return roots;
    }

    /** The intermediate CAs (never trust anchors). */
    public List<Entry> intermediates() {
        return intermediates;
    }

    /**
     * CAs that chain to a root but are left out on purpose (pre-production parts): a verifier refuses them as links
     * of a path even when a device supplies them, unless its caller adds them explicitly.
     */
    public List<Entry> distrusted() {
        return distrusted;
    }

    /** The raw PEM text of the roots, intermediates or distrusted file, comment headers included. */
    public static byte[] pem(Role role) {
        try {
            return read(role == Role.ROOT ? "roots.pem" : role == Role.INTERMEDIATE ? "intermediates.pem"
                    : "distrusted.pem");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TpmTrustBundle.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IOException(BASE + name + " is not in the jar");
        }
        return in;
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * Parses a bundle PEM file in the format {@link BundleBuilder} writes: {@code # Key: value} header lines before
     * each {@code BEGIN CERTIFICATE} block.
     */
    static List<Entry> parse(Role role, String text) throws IOException {
        List<Entry> out = new ArrayList<>();
        Map<String, String> headers = new HashMap<>();
        StringBuilder b64 = null;
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (b64 == null && l.startsWith("# ") && l.indexOf(": ") > 2) {
                int c = l.indexOf(": ");
                headers.put(l.substring(2, c), l.substring(c + 2));
            } else if (l.equals("-----BEGIN CERTIFICATE-----")) {
                b64 = new StringBuilder();
            } else if (l.equals("-----END CERTIFICATE-----") && b64 != null) {
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(b64.toString());
                } catch (IllegalArgumentException e) {
                    throw new IOException("bad base64 in the bundle: " + e.getMessage(), e);
                }
                String flags = headers.getOrDefault("Flags", "none");
                out.add(new Entry(role, require(headers, "Subject"), require(headers, "SHA-256"),
                        require(headers, "Not After"), require(headers, "Provenance"),
                        flags.equals("none") ? List.of() : Arrays.asList(flags.split(",\\s*")), der));
                headers.clear();
                b64 = null;
            } else if (b64 != null) {
                b64.append(l);
            }
        }
        return out;
    }

    private static String require(Map<String, String> headers, String key) throws IOException {
        String v = headers.get(key);
        if (v == null) {
            throw new IOException("a certificate in the bundle has no '" + key + "' header");
        }
        return v;
    }
}

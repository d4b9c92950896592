package dev.tpm2j.trustbundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the bundle's resources from a newer public TPM trust bundle (the {@code roots.pem} /
 * {@code intermediates.pem} files of tpm-ca-certificates), extra intermediate CA files (DER or PEM, e.g. Intel
 * On-Die CA issuing CAs) and an extracted Microsoft TrustedTpm.cab tree (vendor {@code RootCA/} as roots,
 * {@code IntermediateCA/} as intermediates, the AIK CAs under {@code Microsoft/IntermediateCA/} left out), less the
 * cab files an exclusion list names with its reason. Every certificate must parse and be a CA (v1 certificates are flagged {@code v1}); one
 * already expired on the bundle date is flagged {@code expired}. Duplicates (same SHA-256) are dropped. Output is
 * deterministic, so a rebuild from the same inputs reproduces the shipped files byte for byte.
 *
 * <pre>
 * java -cp tpm2-trust-bundle.jar dev.tpm2j.trustbundle.BundleBuilder --roots roots.pem \
 *     --intermediates intermediates.pem --extra ca1.der --extra ca2.pem --revision 1 --out src/main/resources/dev/tpm2j/trustbundle
 * </pre>
 */
public final class BundleBuilder {
    private BundleBuilder() {
    }

    /**
     * What to build from.
     *
     * @param roots           the public bundle's roots file
     * @param intermediates   the public bundle's intermediates file
     * @param extras          extra intermediate CA files
     * @param extraProvenance the provenance sentence of extras ({@code %s} is the file name)
     * @param cab             an extracted TrustedTpm.cab tree, or null
     * @param cabExclusions   lines {@code Vendor/Folder/file<TAB>reason} naming cab files left out, or null
     * @param revision        the bundle revision of the day
     */
    record Inputs(Path roots, Path intermediates, List<Path> extras, String extraProvenance, Path cab,
                  Path cabExclusions, int revision) {
    }

    /** The files a build produces: name to bytes. */
    static Map<String, byte[]> build(Inputs in) throws IOException, GeneralSecurityException {
        String rootsText = Files.readString(in.roots(), StandardCharsets.UTF_8);
        String date = header(rootsText, "Date");
        String commit = header(rootsText, "Commit");
        if (date == null) {
            throw new IOException(in.roots() + ": no '## Date:' header (not a tpm-ca-certificates bundle file)");
        }
        LocalDate day = LocalDate.parse(date);
        String source = "public TPM trust bundle (github.com/loicsikidi/tpm-ca-certificates) dated " + date
                + (commit != null ? ", commit " + commit : "");
        Map<String, String> seen = new LinkedHashMap<>();
        StringBuilder roots = new StringBuilder(banner("roots", date));
        StringBuilder inters = new StringBuilder(banner("intermediates", date));
        for (Block b : blocks(rootsText)) {
            append(roots, b.der, source + (b.owner != null ? ", owner " + b.owner : ""), day, seen);
        }
        for (Block b : blocks(Files.readString(in.intermediates(), StandardCharsets.UTF_8))) {
            append(inters, b.der, source + (b.owner != null ? ", owner " + b.owner : ""), day, seen);
        }
        for (Path p : in.extras()) {
            byte[] bytes = Files.readAllBytes(p);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            List<Block> bl = text.contains("-----BEGIN CERTIFICATE-----") ? blocks(text) : List.of(new Block(bytes, null));
            for (Block b : bl) {
                append(inters, b.der, in.extraProvenance().replace("%s", p.getFileName().toString()), day, seen);
            }
        }
        String cabSources = "";
        if (in.cab() != null) {
            Map<String, String> excluded = CabSource.exclusions(in.cabExclusions());
            CabSource cab = CabSource.read(in.cab(), excluded);
            cabSources = "; plus " + cab.description();
            for (CabSource.File f : cab.roots()) {
                append(roots, f.der(), cab.provenance(f), day, seen);
            }
            for (CabSource.File f : cab.intermediates()) {
                append(inters, f.der(), cab.provenance(f), day, seen);
            }
        }
        String version = date.replace("-", ".") + "-" + in.revision();
        String props = "# The shipped TPM trust bundle (written by BundleBuilder; do not edit by hand)\n"
                + "version=" + version + "\ndate=" + date + "\nsources=" + source
                + "; plus Intel On-Die CA issuing CAs" + cabSources + "\n";
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("roots.pem", roots.toString().getBytes(StandardCharsets.UTF_8));
        out.put("intermediates.pem", inters.toString().getBytes(StandardCharsets.UTF_8));
        out.put("bundle.properties", props.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String banner(String what, String date) {
        return "# tpm2j TPM trust bundle: " + what + " (source bundle dated " + date + ")\n"
                + "# Written by dev.tpm2j.trustbundle.BundleBuilder; each certificate carries its provenance.\n\n";
    }

    private record Block(byte[] der, String owner) {
    }

    private static String header(String text, String key) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("## " + key + ":")) {
                return l.substring(key.length() + 4).strip();
            }
        }
        return null;
    }

    private static List<Block> blocks(String text) throws IOException {
        List<Block> out = new ArrayList<>();
        String owner = null;
        StringBuilder b64 = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("# Owner:")) {
                owner = l.substring(8).strip();
            } else if (l.equals("-----BEGIN CERTIFICATE-----")) {
                b64 = new StringBuilder();
            } else if (l.equals("-----END CERTIFICATE-----") && b64 != null) {
                try {
                    out.add(new Block(Base64.getDecoder().decode(b64.toString()), owner));
                } catch (IllegalArgumentException e) {
                    throw new IOException("bad base64 in certificate " + (out.size() + 1), e);
                }
                owner = null;
                b64 = null;
            } else if (b64 != null) {
                b64.append(l);
            }
        }
        return out;
    }

    private static void append(StringBuilder sb, byte[] der, String provenance, LocalDate day, Map<String, String> seen)
            throws GeneralSecurityException {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        if (seen.putIfAbsent(sha, provenance) != null) {
            return;
        }
        List<String> flags = new ArrayList<>();
        if (c.getVersion() < 3) {
            flags.add("v1");
        } else if (c.getBasicConstraints() < 0) {
            throw new GeneralSecurityException(c.getSubjectX500Principal() + " is not a CA certificate");
        }
        if (c.getNotAfter().toInstant().isBefore(day.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            flags.add("expired");
        }
        sb.append("# Subject: ").append(c.getSubjectX500Principal().getName()).append('\n')
                .append("# Issuer: ").append(c.getIssuerX500Principal().getName()).append('\n')
                .append("# Not After: ").append(c.getNotAfter().toInstant()).append('\n')
                .append("# SHA-256: ").append(sha).append('\n')
                .append("# Provenance: ").append(provenance).append('\n')
                .append("# Flags: ").append(flags.isEmpty() ? "none" : String.join(", ", flags)).append('\n')
                .append("-----BEGIN CERTIFICATE-----\n")
                .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                .append("\n-----END CERTIFICATE-----\n\n");
    }

    /**
     * Command line: {@code --roots FILE --intermediates FILE [--extra FILE]… [--extra-provenance TEXT]
     * [--cab DIR [--cab-exclusions FILE]] [--revision N] --out DIR}. Writes {@code roots.pem},
     * {@code intermediates.pem} and {@code bundle.properties}.
     *
     * @param args the options above
     * @throws Exception when an input is unreadable or a certificate is not a CA
     */
    public static void main(String[] args) throws Exception {
        Path roots = null;
        Path inters = null;
        Path out = null;
        List<Path> extras = new ArrayList<>();
        Path cab = null;
        Path cabExclusions = null;
        String extraProvenance = DEFAULT_EXTRA_PROVENANCE;
        int revision = 1;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--roots" -> roots = Path.of(v);
                case "--intermediates" -> inters = Path.of(v);
                case "--extra" -> extras.add(Path.of(v));
                case "--extra-provenance" -> extraProvenance = v;
                case "--cab" -> cab = Path.of(v);
                case "--cab-exclusions" -> cabExclusions = Path.of(v);
                case "--revision" -> revision = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (roots == null || inters == null || out == null) {
            throw new IllegalArgumentException("usage: --roots FILE --intermediates FILE [--extra FILE]… "
                    + "[--extra-provenance TEXT] [--cab DIR [--cab-exclusions FILE]] [--revision N] --out DIR");
        }
        Files.createDirectories(out);
        for (Map.Entry<String, byte[]> e : build(new Inputs(roots, inters, extras, extraProvenance, cab, cabExclusions,
                revision)).entrySet()) {
            Files.write(out.resolve(e.getKey()), e.getValue());
        }
        System.out.println("wrote the trust bundle to " + out);
    }

    /** The provenance sentence for extra files ({@code %s} is the file name). */
    static final String DEFAULT_EXTRA_PROVENANCE = "public Intel On-Die CA certificate (the caIssuers of Intel PTT "
            + "on-die chains, tsci.intel.com/content/OnDieCA/certs), kept in the tpm2j repository as testdata/real-ek/%s";
}

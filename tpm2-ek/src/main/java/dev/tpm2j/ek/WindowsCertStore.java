package dev.tpm2j.ek;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The EK and on-die intermediate certificates Windows caches in the registry
 * ({@code HKLM\SYSTEM\CurrentControlSet\Services\TPM\WMI\Endorsement\EKCertStore\Certificates\<thumbprint>\Blob} and
 * {@code …\IntermediateCACertStore\Certificates\…}). A {@code Blob} holds raw DER or a CryptoAPI serialized element
 * whose property 0x20 is the DER. Reading the registry works only on Windows; the parsers work everywhere.
 */
public final class WindowsCertStore {
    public static final String EK_STORE =
            "HKLM\\SYSTEM\\CurrentControlSet\\Services\\TPM\\WMI\\Endorsement\\EKCertStore\\Certificates";
    public static final String INTERMEDIATE_STORE =
            "HKLM\\SYSTEM\\CurrentControlSet\\Services\\TPM\\WMI\\Endorsement\\IntermediateCACertStore\\Certificates";
    /** CERT_CERT_PROP_ID: the encoded certificate inside a serialized store element. */
    static final int CERT_PROPERTY = 0x20;
    private static final int MAX_ELEMENT = 1 << 20;

    private WindowsCertStore() {
    }

    /** A certificate from the registry with its key path. */
    public record Cached(String key, TpmCertificate certificate) {
    }

    /** The DER certificate in a {@code Blob} value: raw DER, or the 0x20 property of a serialized element. */
    public static byte[] certificateFromBlob(byte[] blob) throws CertificateParseException {
        if (blob.length > 0 && (blob[0] & 0xFF) == 0x30) {
            return blob;
        }
        int pos = 0;
        while (pos + 12 <= blob.length) {
            int id = le32(blob, pos);
            long len = Integer.toUnsignedLong(le32(blob, pos + 8));
            pos += 12;
            if (len > blob.length - pos || len > MAX_ELEMENT) {
                throw new CertificateParseException("serialized certificate element: property 0x"
                        + Integer.toHexString(id) + " of " + len + " bytes runs past the " + blob.length + "-byte blob");
            }
            if (id == CERT_PROPERTY) {
                return java.util.Arrays.copyOfRange(blob, pos, pos + (int) len);
            }
            pos += (int) len;
        }
        throw new CertificateParseException("the blob is neither DER nor a serialized element with a certificate "
                + "(property 0x20)");
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
    }

    /**
     * Parses {@code reg query <store> /s /v Blob} output: each key line followed by a {@code Blob REG_BINARY <hex>}
     * line. Unparseable blobs are skipped and reported in {@code problems}.
     */
    public static List<Cached> parseRegQuery(String output, List<String> problems) {
        List<Cached> out = new ArrayList<>();
        String key = null;
        for (String line : output.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("HKEY_") || t.startsWith("HKLM\\")) {
                key = t;
            } else if (t.startsWith("Blob") && t.contains("REG_BINARY")) {
                String hex = t.substring(t.indexOf("REG_BINARY") + "REG_BINARY".length()).strip();
                try {
                    byte[] der = certificateFromBlob(HexFormat.of().parseHex(hex));
                    out.add(new Cached(key, TpmCertificates.parseNv(der)));
                } catch (CertificateParseException | IllegalArgumentException e) {
                    problems.add(key + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Reads a store with {@code reg query} (Windows only). */
    public static List<Cached> read(String store, List<String> problems) throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            throw new IOException("the Windows certificate cache exists only on Windows");
        }
        Process p = new ProcessBuilder("reg", "query", store, "/s", "/v", "Blob").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("reg query did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("reg query " + store + " failed: " + out.strip());
        }
        return parseRegQuery(out, problems);
    }

    /** Which cached certificates the TPM also holds (by SHA-256), and which it does not. */
    public static List<String> compare(List<Cached> cached, List<TpmCertificate> fromTpm) {
        List<String> lines = new ArrayList<>();
        for (Cached c : cached) {
            boolean onTpm = fromTpm.stream().anyMatch(t -> t.sha256().equals(c.certificate().sha256()));
            lines.add((onTpm ? "same as on the TPM: " : "NOT on the TPM: ") + c.certificate().subject() + " ["
                    + c.key() + "]");
        }
        return lines;
    }
}

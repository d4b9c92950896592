package dev.tpm2j.cli;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.CertificateParseException;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;
import dev.tpm2j.ek.der.CertificateStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "nv-read", mixinStandardHelpOptions = true,
        description = "Read an NV index (whole, or --offset/--size) as raw, hex, pem or text (the certificates in it).")
final class NvReadCommand extends Subcommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INDEX", description = "e.g. 0x01c00100")
    String index;
    @Option(names = "--offset", defaultValue = "0")
    int offset;
    @Option(names = "--size", defaultValue = "-1", description = "bytes to read (default: to the end)")
    int size;
    @Option(names = "--out", description = "write the bytes to FILE")
    Path out;
    @Option(names = "--format", defaultValue = "hex", description = "raw | hex | pem | text")
    String format;

    @Override
    public Integer call() throws IOException {
        int idx = Numbers.handle(index);
        if (!List.of("raw", "hex", "pem", "text").contains(format)) {
            throw new IllegalArgumentException("--format must be raw, hex, pem or text");
        }
        try (Tpm tpm = root.openTpm()) {
            TpmsNvPublic pub = tpm.nvReadPublic(idx).nvPublic();
            int n = size < 0 ? pub.dataSize() - offset : size;
            if (offset < 0 || n < 0 || offset + n > pub.dataSize()) {
                throw new IllegalArgumentException("--offset/--size outside the index's " + pub.dataSize() + " bytes");
            }
            Authorization auth = pub.attributes().has(TpmaNv.AUTHREAD) ? Authorization.nvIndex() : Authorization.owner();
            byte[] data = tpm.nvRead(idx, offset, n, auth);
            if (out != null) {
                Files.write(out, data);
            }
            CertificateStream.Split split = CertificateStream.split(stripHeader(data));
            List<Object> certs = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            StringBuilder pem = new StringBuilder();
            for (byte[] der : split.certificates()) {
                Map<String, Object> c = new LinkedHashMap<>();
                try {
                    TpmCertificate t = TpmCertificates.parse(der);
                    c.put("subject", t.subject());
                    c.put("issuer", t.issuer());
                    c.put("serial", t.serialHex());
                    c.put("sha256", t.sha256());
                    c.put("keyType", t.keyType());
                    c.put("notBefore", t.certificate().getNotBefore().toInstant().toString());
                    c.put("notAfter", t.certificate().getNotAfter().toInstant().toString());
                    c.put("quirks", t.quirks());
                    text.append("certificate ").append(certs.size() + 1).append(":\n  subject:  ").append(t.subject())
                            .append("\n  issuer:   ").append(t.issuer()).append("\n  serial:   ").append(t.serialHex())
                            .append("\n  key:      ").append(t.keyType()).append("\n  valid:    ")
                            .append(c.get("notBefore")).append(" to ").append(c.get("notAfter"))
                            .append("\n  sha256:   ").append(t.sha256()).append('\n');
                    for (String q : t.quirks()) {
                        text.append("  quirk:    ").append(q).append('\n');
                    }
                } catch (CertificateParseException e) {
                    c.put("error", e.getMessage());
                    text.append("certificate ").append(certs.size() + 1).append(": ").append(e.getMessage()).append('\n');
                }
                certs.add(c);
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            if (!split.clean() || split.leftoverLength() > 0) {
                text.append(split.leftoverLength()).append(" bytes at offset ").append(split.leftoverOffset())
                        .append(": ").append(split.leftoverKind()).append('\n');
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("index", String.format("0x%08x", idx));
            doc.put("offset", offset);
            doc.put("size", data.length);
            doc.put("hex", HexFormat.of().formatHex(data));
            doc.put("certificates", certs);
            if (format.equals("raw") && !root.json) {
                if (out == null) {
                    spec.commandLine().getOut().flush();
                    System.out.write(data);
                    System.out.flush();
                }
                return Tpm2jCli.OK;
            }
            String rendered = switch (format) {
                case "pem" -> pem.toString().stripTrailing();
                case "text" -> text.toString().stripTrailing();
                default -> HexFormat.of().formatHex(data);
            };
            root.print(spec.commandLine().getOut(), doc, rendered);
            return Tpm2jCli.OK;
        }
    }

    private static byte[] stripHeader(byte[] d) {
        if (d.length >= 7 && (d[0] & 0xFF) == 0x10 && (d[1] & 0xFF) == 0x01) {
            int start = (d[5] & 0xFF) == 0x10 && (d[6] & 0xFF) == 0x02 ? 7 : 5;
            return java.util.Arrays.copyOfRange(d, start, d.length);
        }
        return d;
    }
}

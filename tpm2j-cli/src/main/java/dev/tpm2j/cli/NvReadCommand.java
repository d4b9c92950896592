package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.CertificateParseException;
import dev.tpm2j.ek.NvCertificates;
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
import picocli.CommandLine.Model.CommandSpec;

final class NvReadCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    String index;
    String offset;
    String size;
    Path out;
    String format;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "nv-read", "Read an NV index (whole, or --offset/--size) as raw, hex, "
                + "pem or text (the certificates in it). A certificate that continues in the next chain index "
                + "(0x01c00101, …) is read to its end for pem and text.");
        s.usageMessage().footer("%nExample:", "  tpm2j nv-read 0x01c00100 --format text");
        s.addPositional(CodeModel.positional(String.class, () -> index, v -> index = v).index("0").paramLabel("INDEX")
                .description("the NV index: 0x01c00100 (hex needs 0x) or decimal").build());
        s.addOption(CodeModel.option(String.class, () -> offset, v -> offset = v, "--offset").paramLabel("N")
                .defaultValue("0").description("first byte to read (0x… or decimal; default: ${DEFAULT-VALUE})").build());
        s.addOption(CodeModel.option(String.class, () -> size, v -> size = v, "--size").paramLabel("N")
                .description("how many bytes to read, at least 1 (0x… or decimal; default: to the end of the index)")
                .build());
        s.addOption(CodeModel.option(Path.class, () -> out, v -> out = v, "--out").paramLabel("FILE")
                .description("write the bytes read to FILE instead of printing them (pem and text are still printed)")
                .build());
        s.addOption(CodeModel.option(String.class, () -> format, v -> format = v, "--format").paramLabel("FORMAT")
                .defaultValue("hex").description("raw | hex | pem | text (default: ${DEFAULT-VALUE})").build());
        return s;
    }

    @Override
    public Integer call() throws IOException {
        int idx = Numbers.nvIndex(index);
        if (!List.of("raw", "hex", "pem", "text").contains(format)) {
            throw new IllegalArgumentException("--format must be raw, hex, pem or text, not '" + format + "'");
        }
        int off = (int) Numbers.parse("--offset", offset, 0, 0xFFFF);
        Integer want = size == null ? null : (int) Numbers.parse("--size", size, 1, 0xFFFF);
        try (Tpm tpm = root.openTpm()) {
            TpmsNvPublic pub = tpm.nvReadPublic(idx).nvPublic();
            int n = want == null ? pub.dataSize() - off : want;
            if (off > pub.dataSize() || n < 0 || off + n > pub.dataSize()) {
                throw new IllegalArgumentException("--offset " + off + " / --size " + n + " is outside the index's "
                        + pub.dataSize() + " bytes");
            }
            NvCertificates.Contents read = want == null && off == 0 ? NvCertificates.readWhole(tpm, pub)
                    : NvCertificates.readPart(tpm, pub, off, n);
            byte[] data = read.data();
            if (out != null) {
                Files.write(out, data);
            }
            List<String> readFrom = new ArrayList<>(List.of(String.format("0x%08x", idx)));
            readFrom.addAll(read.continuedIn());
            CertificateStream.Split split = read.split();
            List<Object> certs = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            StringBuilder pem = new StringBuilder();
            for (byte[] der : split.certificates()) {
                certs.add(describe(der, certs.size() + 1, text));
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            if (readFrom.size() > 1) {
                text.append("(continued in ").append(String.join(", ", readFrom.subList(1, readFrom.size())))
                        .append(")\n");
            }
            if (!split.clean()) {
                text.append(split.leftoverLength()).append(" bytes at offset ").append(split.leftoverOffset())
                        .append(": ").append(split.leftoverKind()).append('\n');
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("index", String.format("0x%08x", idx));
            doc.put("offset", off);
            doc.put("size", data.length);
            doc.put("hex", HexFormat.of().formatHex(data));
            doc.put("certificates", certs);
            doc.put("readFrom", readFrom);
            doc.put("out", out == null ? null : out.toString());
            if (root.json) {
                root.print(spec.commandLine().getOut(), doc, null);
                return Tpm2jCli.OK;
            }
            switch (format) {
                case "raw" -> {
                    if (out == null) {
                        spec.commandLine().getOut().flush();
                        System.out.write(data);
                        System.out.flush();
                    }
                }
                case "hex" -> {
                    if (out == null) {
                        root.print(spec.commandLine().getOut(), doc, HexFormat.of().formatHex(data));
                    }
                }
                case "pem" -> root.print(spec.commandLine().getOut(), doc, pem.toString().stripTrailing());
                default -> root.print(spec.commandLine().getOut(), doc, text.toString().stripTrailing());
            }
            return Tpm2jCli.OK;
        }
    }

    private static Map<String, Object> describe(byte[] der, int number, StringBuilder text) {
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
            text.append("certificate ").append(number).append(":\n  subject:  ").append(t.subject())
                    .append("\n  issuer:   ").append(t.issuer()).append("\n  serial:   ").append(t.serialHex())
                    .append("\n  key:      ").append(t.keyType()).append("\n  valid:    ")
                    .append(c.get("notBefore")).append(" to ").append(c.get("notAfter"))
                    .append("\n  sha256:   ").append(t.sha256()).append('\n');
            for (String q : t.quirks()) {
                text.append("  quirk:    ").append(q).append('\n');
            }
        } catch (CertificateParseException e) {
            c.put("error", e.getMessage());
            text.append("certificate ").append(number).append(": ").append(e.getMessage()).append('\n');
        }
        return c;
    }
}

package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmCertificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class EkInfoCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "ek-info", "EK certificates per index: key type, subject/issuer, "
                + "validity, quirks, and whether each matches the TPM's EK.");
        s.usageMessage().footer("", "Exit codes: 0 every EK certificate matches this TPM's EK; 1 a certificate does not "
                + "match or could not be checked; 2 usage error; 3 TPM or I/O error.", "Example: tpm2j ek-info --json");
        return s;
    }

    static Map<String, Object> describe(EkInventory.EkCertificate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.handle());
        m.put("template", e.slot().label());
        e.certificate().ifPresent(c -> {
            m.put("keyType", c.keyType());
            m.put("subject", c.subject());
            m.put("issuer", c.issuer());
            m.put("serial", c.serialHex());
            m.put("sha256", c.sha256());
            m.put("notBefore", c.certificate().getNotBefore().toInstant().toString());
            m.put("notAfter", c.certificate().getNotAfter().toInstant().toString());
            m.put("quirks", c.quirks());
            c.tpm().ifPresent(t -> m.put("tpm", Map.of("manufacturer", String.valueOf(t.manufacturer()),
                    "model", String.valueOf(t.model()), "version", String.valueOf(t.version()))));
        });
        e.parseProblem().ifPresent(p -> m.put("problem", p));
        m.put("matchesTpm", e.matchesTpm().orElse(null));
        m.put("matchReason", e.matchReason());
        return m;
    }

    @Override
    public Integer call() {
        try (Tpm tpm = root.openTpm()) {
            EkInventory inv = EkInventory.read(tpm);
            List<Object> list = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean allMatch = !inv.ekCertificates().isEmpty();
            for (EkInventory.EkCertificate e : inv.ekCertificates()) {
                list.add(describe(e));
                text.append(e.handle()).append("  ").append(e.slot().label()).append('\n');
                if (e.certificate().isPresent()) {
                    TpmCertificate c = e.certificate().get();
                    text.append("  key:     ").append(c.keyType()).append("\n  subject: ")
                            .append(c.subject().isEmpty() ? "(empty)" : c.subject()).append("\n  issuer:  ")
                            .append(c.issuer()).append("\n  valid:   ").append(c.certificate().getNotBefore().toInstant())
                            .append(" to ").append(c.certificate().getNotAfter().toInstant()).append('\n');
                    for (String q : c.quirks()) {
                        text.append("  quirk:   ").append(q).append('\n');
                    }
                } else {
                    text.append("  problem: ").append(e.parseProblem().orElse("?")).append('\n');
                }
                text.append("  matches the TPM's EK: ").append(e.matchesTpm().map(String::valueOf).orElse("unknown"))
                        .append(" — ").append(e.matchReason()).append('\n');
                allMatch &= e.matchesTpm().orElse(false);
            }
            if (inv.ekCertificates().isEmpty()) {
                text.append("no EK certificate in NV (0x01C00000–0x01C0FFFF)");
            }
            root.print(spec.commandLine().getOut(), Map.of("ekCertificates", list), text.toString().stripTrailing());
            return allMatch ? Tpm2jCli.OK : Tpm2jCli.FINDING;
        }
    }
}

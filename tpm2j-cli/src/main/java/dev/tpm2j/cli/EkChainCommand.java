package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.AikServiceUrl;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TrustBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class EkChainCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    TrustOptions trustOptions = new TrustOptions();
    Path out;
    boolean aia;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "ek-chain", "The EK certificate chain (NV 0x01C00100…, trust bundle, "
                + "AIA) with provenance and the verdict.");
        s.usageMessage().footer("", "Exit codes: 0 the chain is trusted; 1 the chain is not trusted (the verdict says "
                + "why); 2 usage error; 3 TPM or I/O error.",
                "Example: tpm2j ek-chain --trust roots.pem --intermediates intermediates.pem --out chain/");
        trustOptions.addTo(s);
        s.addOption(CodeModel.option(Path.class, () -> out, v -> out = v, "--out").paramLabel("DIR").description(
                "write every certificate of the chain as DER into this directory; default: none").build());
        s.addOption(CodeModel.option(boolean.class, () -> aia, v -> aia = v, "--aia").description(
                "fetch missing issuers from AIA URLs (http(s) only, at most 8 per run); default: off").build());
        return s;
    }

    /** The chain report shared with diagnose. */
    static Map<String, Object> report(EkInventory inv, EkChain.Result r, EkInventory.EkCertificate ek) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> eks = new ArrayList<>();
        for (EkInventory.EkCertificate e : inv.ekCertificates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", e.handle());
            m.put("keyType", e.certificate().map(TpmCertificate::keyType).orElse(null));
            m.put("sha256", e.certificate().map(TpmCertificate::sha256).orElse(null));
            m.put("matchesTpm", e.matchesTpm().orElse(null));
            eks.add(m);
        }
        doc.put("ekCertificates", eks);
        doc.put("verifiedEkCertificate", ek.handle());
        List<Object> chain = new ArrayList<>();
        for (EkChain.Link l : r.chain()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", l.certificate().subject());
            m.put("issuer", l.certificate().issuer());
            m.put("serial", l.certificate().serialHex());
            m.put("sha256", l.certificate().sha256());
            m.put("keyType", l.certificate().keyType());
            m.put("source", l.source());
            m.put("provenance", l.provenance().description());
            m.put("storedOnTpm", l.provenance().storedOnTpmByPlatform());
            m.put("verdict", l.verdict());
            chain.add(m);
        }
        doc.put("chain", chain);
        doc.put("trusted", r.trusted());
        doc.put("verdict", r.verdict());
        doc.put("problems", r.problems());
        doc.put("missingIssuer", r.missingIssuer().orElse(null));
        doc.put("missingIssuerUrl", r.missingIssuerUrl().orElse(null));
        try {
            AikServiceUrl url = inv.aikServiceUrl(r);
            doc.put("aikServiceUrl", url.url());
            doc.put("naiveAikServiceUrl", url.naiveUrl());
        } catch (dev.tpm2j.ek.AikServiceUrlException e) {
            doc.put("aikServiceUrl", null);
            doc.put("aikServiceUrlProblem", e.getMessage());
        }
        return doc;
    }

    static String tree(EkChain.Result r) {
        StringBuilder sb = new StringBuilder();
        String indent = "";
        for (int i = r.chain().size() - 1; i >= 0; i--) {
            EkChain.Link l = r.chain().get(i);
            String subject = l.certificate().subject().isEmpty() ? "(EK certificate, empty subject)"
                    : l.certificate().subject();
            sb.append(indent).append(i == r.chain().size() - 1 ? "" : "└─ ").append(subject).append("  [")
                    .append(l.source()).append(l.source().startsWith("nv:") ? "; " + l.provenance().description() : "")
                    .append("]\n");
            indent += "   ";
        }
        sb.append(r.verdict()).append('\n');
        for (String p : r.problems()) {
            sb.append("  problem: ").append(p).append('\n');
        }
        return sb.toString();
    }

    @Override
    public Integer call() throws Exception {
        trustOptions.check();
        try (Tpm tpm = root.openTpm()) {
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElse(null);
            if (ek == null) {
                spec.commandLine().getErr().println("tpm2j: no parseable EK certificate in NV");
                return Tpm2jCli.FINDING;
            }
            TrustBundle bundle = trustOptions.bundle(tpm);
            EkChain.Result r = trustOptions.verify(inv, ek, bundle, Instant.now());
            if (out != null) {
                Files.createDirectories(out);
                int i = 0;
                for (EkChain.Link l : r.chain()) {
                    Files.write(out.resolve(String.format("%02d-%s.der", i++, l.source().replace(':', '_')
                            .replace('/', '_').replace('+', '_'))), l.certificate().der());
                }
            }
            Map<String, Object> doc = report(inv, r, ek);
            String text = tree(r) + "AIK service: " + doc.get("aikServiceUrl")
                    + (doc.get("aikServiceUrl") != null && !doc.get("aikServiceUrl").equals(doc.get("naiveAikServiceUrl"))
                    ? "\n  (naive, from the EK certificate's issuer: " + doc.get("naiveAikServiceUrl") + ")" : "");
            root.print(spec.commandLine().getOut(), doc, text);
            return r.trusted() ? Tpm2jCli.OK : Tpm2jCli.FINDING;
        }
    }
}

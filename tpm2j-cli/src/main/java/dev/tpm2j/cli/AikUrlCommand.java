package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.AikServiceUrl;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class AikUrlCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    TrustOptions trustOptions = new TrustOptions();

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "aik-url",
                "The Microsoft AIK service URL from the right issuer key id, the naive one, and whether they differ.");
        s.usageMessage().footer("", "Exit codes: 0 the address was computed; 1 no address (no EK certificate, an "
                + "untrusted chain, missing key identifiers); 2 usage error; 3 TPM or I/O error.",
                "Example: tpm2j aik-url --trust roots.pem --intermediates intermediates.pem");
        trustOptions.addTo(s);
        return s;
    }

    @Override
    public Integer call() {
        trustOptions.check();
        try (Tpm tpm = root.openTpm()) {
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElse(null);
            if (ek == null) {
                spec.commandLine().getErr().println("tpm2j: no AIK service address: no parseable EK certificate in NV");
                return Tpm2jCli.FINDING;
            }
            EkChain.Result r = trustOptions.verify(inv, ek, trustOptions.bundle(tpm), Instant.now());
            AikServiceUrl url;
            try {
                url = inv.aikServiceUrl(r);
            } catch (dev.tpm2j.ek.AikServiceUrlException e) {
                spec.commandLine().getErr().println("tpm2j: no AIK service address: " + e.getMessage());
                return Tpm2jCli.FINDING;
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("aikServiceUrl", url.url());
            doc.put("naiveAikServiceUrl", url.naiveUrl());
            doc.put("differ", url.differs());
            doc.put("vendor", url.vendor());
            doc.put("keyId", url.keyId());
            doc.put("naiveKeyId", url.naiveKeyId());
            doc.put("explanation", url.explanation());
            String text = url.url() + "\n" + (url.differs() ? "differs from the naive " + url.naiveUrl()
                    : "same as the naive URL") + "\n" + url.explanation();
            root.print(spec.commandLine().getOut(), doc, text);
            return Tpm2jCli.OK;
        }
    }
}

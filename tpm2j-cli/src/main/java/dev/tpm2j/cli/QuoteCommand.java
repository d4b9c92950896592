package dev.tpm2j.cli;

import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.attest.quote.Attested;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class QuoteCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    String ak;
    String pcrs;
    String nonce;
    Path message;
    Path signature;
    Path pcrValues;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "quote",
                "Quote PCRs with an attestation key (TPM2_Quote) over the verifier's nonce.",
                "Writes the signed TPMS_ATTEST bytes (--message), the TPMT_SIGNATURE (--signature) - the same files "
                        + "as tpm2_quote -m/-s - and the quoted PCR values as JSON (--pcr-values, the pcrs --json "
                        + "format). The AK's own signing scheme is used.");
        s.usageMessage().footer("", "Exit codes: 0 quoted, 2 usage error, 3 TPM or I/O error.", "",
                "Example: tpm2j quote --ak 0x81010002 --pcrs sha256:0,1,7 --nonce 0011223344556677 "
                        + "--message quote.msg --signature quote.sig --pcr-values quote.pcrs.json");
        s.addOption(CodeModel.option(String.class, () -> ak, v -> ak = v, "--ak").required(true).paramLabel("HANDLE")
                .description("handle of a loaded or persistent restricted signing key (empty auth), e.g. 0x81010002")
                .build());
        s.addOption(CodeModel.option(String.class, () -> pcrs, v -> pcrs = v, "--pcrs").required(true)
                .paramLabel("SELECTION")
                .description("PCRs to quote, tpm2-tools style: sha256:0,1,7 or sha256:0,7+sha1:0").build());
        s.addOption(CodeModel.option(String.class, () -> nonce, v -> nonce = v, "--nonce").required(true)
                .paramLabel("HEX").description("the verifier's fresh nonce (extraData), hex, at most 64 bytes").build());
        s.addOption(CodeModel.option(Path.class, () -> message, v -> message = v, "--message").required(true)
                .paramLabel("FILE").description("where to write TPMS_ATTEST").build());
        s.addOption(CodeModel.option(Path.class, () -> signature, v -> signature = v, "--signature").required(true)
                .paramLabel("FILE").description("where to write the TPMT_SIGNATURE").build());
        s.addOption(CodeModel.option(Path.class, () -> pcrValues, v -> pcrValues = v, "--pcr-values").required(true)
                .paramLabel("FILE").description("where to write the quoted PCR values (JSON)").build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        Bytes n = Bytes.of(CredentialCommand.hex(nonce, "--nonce"));
        if (n.size() > 64) {
            throw new IllegalArgumentException("--nonce is longer than 64 bytes");
        }
        int akHandle = Numbers.handle("--ak", ak);
        var selection = PcrSelections.parse("--pcrs", pcrs);
        try (Tpm tpm = root.openTpm()) {
            Attested q = Quoter.quote(tpm, akHandle, selection, n);
            Files.write(message, q.message().toByteArray());
            Files.write(signature, q.signatureBytes());
            Files.writeString(pcrValues, Json.write(PcrValuesJson.document(q.pcrValues())) + "\n");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("message", message.toString());
            doc.put("signature", signature.toString());
            doc.put("pcrValues", pcrValues.toString());
            doc.put("pcrs", PcrValuesJson.banks(q.pcrValues()));
            root.print(spec.commandLine().getOut(), doc, "quoted " + pcrs + ": " + message + ", " + signature
                    + ", " + pcrValues);
            return Tpm2jCli.OK;
        }
    }
}

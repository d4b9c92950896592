package dev.tpm2j.cli;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Check;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.core.marshal.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class VerifyQuoteCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    Path akPublic;
    Path message;
    Path signature;
    Path pcrValues;
    String nonce;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "verify-quote", "Verify a quote offline: the AK's signature over the "
                + "exact TPMS_ATTEST bytes, the TPM_GENERATED magic, the type, the nonce and the PCR digest recomputed "
                + "from the PCR values.",
                "Reads the files tpm2_quote or tpm2j quote write. No TPM is used.",
                "--json prints {\"valid\", \"verdict\", \"signatureValid\", \"nonceMatches\", \"pcrDigestMatches\", "
                        + "\"pcrSelection\"}; a check not made is null.");
        s.usageMessage().footer("", "Exit codes: 0 valid, 1 invalid (the verdict says why), 2 usage error, 3 unreadable "
                + "file.", "", "Example: tpm2j verify-quote --ak-public ak.pem --message quote.msg --signature "
                + "quote.sig --pcr-values quote.pcrs.json --nonce 0011223344556677 --json");
        s.addOption(CodeModel.option(Path.class, () -> akPublic, v -> akPublic = v, "--ak-public").required(true)
                .paramLabel("FILE")
                .description("the AK public key: PEM (BEGIN PUBLIC KEY) or TPM2B_PUBLIC (tpm2-tools -f tss)").build());
        s.addOption(CodeModel.option(Path.class, () -> message, v -> message = v, "--message").required(true)
                .paramLabel("FILE").description("the TPMS_ATTEST bytes").build());
        s.addOption(CodeModel.option(Path.class, () -> signature, v -> signature = v, "--signature").required(true)
                .paramLabel("FILE").description("the TPMT_SIGNATURE").build());
        s.addOption(CodeModel.option(Path.class, () -> pcrValues, v -> pcrValues = v, "--pcr-values")
                .paramLabel("FILE")
                .description("PCR values as JSON (pcrs --json format); without it the PCR digest is not checked")
                .build());
        s.addOption(CodeModel.option(String.class, () -> nonce, v -> nonce = v, "--nonce").paramLabel("HEX")
                .description("the nonce the quote must carry; without it the nonce is not checked (replayable!)")
                .build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        AttestationKey ak = AttestationKey.parse(Files.readAllBytes(akPublic));
        PcrValues values = pcrValues == null ? null : PcrValuesJson.parse(Files.readString(pcrValues));
        Expectations exp = new Expectations(nonce == null ? null : Bytes.fromHex(nonce), null, null, values, null);
        AttestationReport r = AttestationVerifier.verifyQuote(ak, Files.readAllBytes(message),
                Files.readAllBytes(signature), exp);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", r.valid());
        doc.put("verdict", r.verdict().code());
        doc.put("signatureValid", json(r.signature()));
        doc.put("nonceMatches", json(r.nonce()));
        doc.put("pcrDigestMatches", json(r.pcrDigest()));
        doc.put("pcrSelection", r.pcrSelection() == null ? null : PcrSelections.toJson(r.pcrSelection()));
        doc.put("reason", r.verdict().toString());
        root.print(spec.commandLine().getOut(), doc, (r.valid() ? "valid" : "INVALID: " + r.verdict().code())
                + (r.valid() ? "" : " (" + r.verdict() + ")"));
        return r.valid() ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }

    private static Boolean json(Check c) {
        return c instanceof Check.NotChecked ? null : c.passed();
    }
}

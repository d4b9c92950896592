package dev.tpm2j.cli;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.PcrValuesFile;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Check;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmuAttest;
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
    boolean noNonce;
    String requiredPcrs;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "verify-quote", "Verify a quote offline: the AK's signature over the "
                + "exact TPMS_ATTEST bytes, the TPM_GENERATED magic, the type, the nonce and the PCR digest recomputed "
                + "from the PCR values.",
                "Reads the files tpm2_quote or tpm2j quote write. No TPM is used.",
                "A quote vouches for exactly its selection: PCR values it does not select are refused "
                        + "(pcr-not-quoted), and only a valid quote's values may go on to eventlog --pcr-values.",
                "--json prints {\"valid\", \"verdict\", \"signatureValid\", \"nonceMatches\", \"pcrDigestMatches\", "
                        + "\"pcrSelection\", \"quotedPcrs\"}; a check not made is null.");
        s.usageMessage().footer("", "Exit codes: 0 valid, 1 invalid (the verdict says why), 2 usage error, 3 a missing, "
                + "unreadable or malformed input file.", "", "Example: tpm2j verify-quote --ak-public ak.pem --message quote.msg --signature "
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
                .description("PCR values: JSON (pcrs --json format) or a tpm2-tools -o file (tpm2_quote's default "
                        + "serialized, marshaled, or -F values split by the quote's selection), told apart by content; "
                        + "without it the PCR digest is not checked")
                .build());
        s.addOption(CodeModel.option(String.class, () -> nonce, v -> nonce = v, "--nonce").paramLabel("HEX")
                .description("the nonce the quote must carry").build());
        s.addOption(CodeModel.option(boolean.class, () -> noNonce, v -> noNonce = v, "--no-nonce")
                .description("verify without a nonce, knowingly (the quote may be a replay); without --nonce or "
                        + "--no-nonce the verdict is nonce-not-checked").build());
        s.addOption(CodeModel.option(String.class, () -> requiredPcrs, v -> requiredPcrs = v, "--pcrs")
                .paramLabel("SELECTION")
                .description("PCRs the quote must select, e.g. sha256:0,1,7 (selection-not-covered otherwise)")
                .build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        if (nonce != null && noNonce) {
            throw new IllegalArgumentException("--nonce and --no-nonce exclude each other");
        }
        Bytes n = null;
        if (nonce != null) {
            n = Bytes.of(CredentialCommand.hex(nonce, "--nonce"));
        }
        dev.tpm2j.core.types.TpmlPcrSelection required = requiredPcrs == null ? null : PcrSelections.parse("--pcrs", requiredPcrs);
        AttestationKey ak = InputFiles.parse("--ak-public", akPublic, "a PEM public key or a TPM2B_PUBLIC",
                AttestationKey::parse);
        byte[] msg = InputFiles.parse("--message", message, "a TPMS_ATTEST", b -> {
            AttestationVerifier.parseAttest(b);
            return b;
        });
        dev.tpm2j.core.types.TpmtSignature sig = InputFiles.parse("--signature", signature, "a TPMT_SIGNATURE",
                AttestationVerifier::parseSignature);
        PcrValues values = pcrValues == null ? null : InputFiles.parse("--pcr-values", pcrValues,
                "PCR values (pcrs --json or tpm2_quote -o)", b -> readValues(b, msg));
        Expectations exp = new Expectations(n, null, null, values, null, required, noNonce);
        AttestationReport r = AttestationVerifier.verifyQuote(ak, Bytes.of(msg), sig, exp);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", r.valid());
        doc.put("verdict", r.verdict().code());
        doc.put("signatureValid", json(r.signature()));
        doc.put("nonceMatches", json(r.nonce()));
        doc.put("pcrDigestMatches", json(r.pcrDigest()));
        doc.put("pcrSelection", r.pcrSelection() == null ? null : PcrSelections.toJson(r.pcrSelection()));
        doc.put("quotedPcrs", PcrValuesJson.banks(r.quotedPcrs()));
        doc.put("reason", r.verdict().toString());
        root.print(spec.commandLine().getOut(), doc, (r.valid() ? "valid" : "INVALID: " + r.verdict().code())
                + (r.valid() ? "" : " (" + r.verdict() + ")"));
        return r.valid() ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }

    /**
     * Any PCR values file {@link PcrValuesFile#read} knows; raw values ({@code -F values}) are split by the selection
     * of the quote in {@code message} (read from the message only for that: the quote's digest then checks every
     * byte). A malformed file is an {@link dev.tpm2j.core.InvalidInputException}, which the caller reports naming the
     * option and file.
     */
    static PcrValues readValues(byte[] file, byte[] message) {
        TpmlPcrSelection selection = null;
        if (PcrValuesFile.detect(file) == PcrValuesFile.Format.VALUES) {
            TpmsAttest attest;
            try {
                attest = AttestationVerifier.parseAttest(message);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("neither JSON nor a tpm2-tools PCR file, and the message does not "
                        + "parse to split raw values by its selection: " + e.getMessage());
            }
            if (!(attest.attested() instanceof TpmuAttest.QuoteInfo q)) {
                throw new IllegalArgumentException("raw values need a quote's selection, and the message is not a "
                        + "quote");
            }
            selection = q.pcrSelect();
        }
        return PcrValuesFile.read(file, selection);
    }

    private static Boolean json(Check c) {
        return c instanceof Check.NotChecked ? null : c.passed();
    }
}

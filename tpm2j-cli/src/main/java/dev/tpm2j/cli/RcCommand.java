package dev.tpm2j.cli;

import dev.tpm2j.core.types.ResponseCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tpm2j rc CODE}: decodes a response code; needs no TPM. Its model is built in code (start-up time). */
final class RcCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    String code;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "rc", "Decode a response code: TPM 2.0 (name, format, warning, blamed "
                + "handle / session / parameter 1-15), tpm2-tss layered codes (layer and base error; the relayed TPM code "
                + "for the resource manager), Windows TPM_20_E (0x8028xxxx, decoded as the TPM code it carries), TBS_E "
                + "and TPMAPI_E codes.",
                "Needs no TPM. For Windows / Autopilot codes and event ids use `tpm2j explain`.");
        Map<String, String> exits = new LinkedHashMap<>();
        exits.put("0", "decoded (always, for any 32-bit value)");
        exits.put("2", "usage error (CODE is not a number)");
        s.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exits)
                .footer("%nExamples:%n  tpm2j rc 0x9a2          TPM_RC_BAD_AUTH (session 1)",
                        "  tpm2j rc 0x000a000b     tcti: TSS2_BASE_RC_BAD_VALUE", "  tpm2j --json rc 0x8028008e");
        s.addPositional(CodeModel.positional(String.class, () -> code, v -> code = v).paramLabel("CODE")
                .description("the code: 0x-prefixed hex, 8 hex digits, or decimal").build());
        return s;
    }

    @Override
    public Integer call() {
        ResponseCode rc = ResponseCode.decode(Numbers.handle(code));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("code", String.format("0x%08x", rc.code()));
        doc.put("name", rc.name());
        doc.put("format", rc.format());
        doc.put("handle", rc.handle());
        doc.put("parameter", rc.parameter());
        doc.put("session", rc.session());
        doc.put("warning", rc.warning());
        doc.put("description", rc.description());
        doc.put("origin", rc.origin().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("layer", rc.layerLabel());
        String blame = rc.blame();
        String layer = rc.origin() == ResponseCode.Origin.TSS2_LAYER
                || rc.origin() == ResponseCode.Origin.WINDOWS_TPM_20_E ? rc.layerLabel() + ": " : "";
        root.print(spec.commandLine().getOut(), doc, layer + rc.name() + (blame.isEmpty() ? "" : " " + blame) + ": "
                + rc.description() + String.format(" [0x%08x]", rc.code()));
        return Tpm2jCli.OK;
    }
}

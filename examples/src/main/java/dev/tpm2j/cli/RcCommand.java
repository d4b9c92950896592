package dev.tpm2j.cli;

import dev.tpm2j.core.types.ResponseCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rc", mixinStandardHelpOptions = true, description = "Decode a TPM or TBS response code, e.g. 0x9a2.")
final class RcCommand extends Subcommand implements Callable<Integer> {
    @Parameters(paramLabel = "CODE")
    String code;

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
        String blame = rc.blame();
        root.print(spec.commandLine().getOut(), doc, rc.name() + (blame.isEmpty() ? "" : " " + blame) + ": "
                + rc.description() + String.format(" [0x%08x]", rc.code()));
        return Tpm2jCli.OK;
    }
}

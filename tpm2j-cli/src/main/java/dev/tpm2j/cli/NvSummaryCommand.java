package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmsNvPublic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class NvSummaryCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    @Override
    public CommandSpec model() {
        return CodeModel.command(this, "nv-summary",
                "Every NV index: handle, size, attributes (names and hex), and what it is.");
    }

    @Override
    public Integer call() {
        try (Tpm tpm = root.openTpm()) {
            List<Object> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("%-12s %6s  %-10s  %-20s %s%n", "index", "size",
                    "attributes", "kind", "names"));
            for (int index : tpm.getHandles(0x01000000)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", String.format("0x%08x", index));
                String kind = Kinds.of(index);
                try {
                    TpmsNvPublic p = tpm.nvReadPublic(index).nvPublic();
                    row.put("size", p.dataSize());
                    row.put("attributes", String.format("0x%08x", p.attributes().value()));
                    row.put("attributeNames", p.attributes().names());
                    row.put("nameAlg", dev.tpm2j.core.types.TpmAlgId.name(p.nameAlg()));
                    row.put("kind", kind);
                    text.append(String.format("0x%08x %6d  0x%08x  %-20s %s%n", index, p.dataSize(),
                            p.attributes().value(), kind, p.attributes()));
                } catch (TpmException e) {
                    row.put("kind", kind);
                    row.put("error", e.getMessage());
                    text.append(String.format("0x%08x  %s%n", index, e.getMessage()));
                }
                rows.add(row);
            }
            root.print(spec.commandLine().getOut(), Map.of("indices", rows), text.toString().stripTrailing());
            return Tpm2jCli.OK;
        }
    }
}

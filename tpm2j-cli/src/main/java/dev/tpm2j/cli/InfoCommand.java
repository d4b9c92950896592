package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tpm2j info}: who made the TPM and what kind it is. Its model is built in code (start-up time). */
final class InfoCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    @Override
    public CommandSpec model() {
        return CodeModel.command(this, "info",
                "Manufacturer, vendor strings, firmware version, spec revision and the kind of TPM.");
    }

    @Override
    public Integer call() {
        try (Tpm tpm = root.openTpm()) {
            EkInventory.VendorInfo v = EkInventory.readVendor(tpm);
            TpmKind kind = TpmKind.of(v);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("manufacturer", v.manufacturer());
            doc.put("vendorStrings", v.vendorStrings());
            doc.put("firmwareVersion", v.firmwareVersion());
            doc.put("specLevel", v.specLevel());
            doc.put("specRevision", v.specRevision());
            doc.put("specVersion", v.specVersion());
            doc.put("kind", kind.kind());
            doc.put("kindReason", kind.reason());
            String text = "manufacturer:     " + v.manufacturer() + "\nvendor strings:   " + String.join(" ", v.vendorStrings())
                    + "\nfirmware version: " + v.firmwareVersion() + "\nspec:             TPM 2.0 revision "
                    + v.specVersion() + "\nkind:             " + kind.kind() + " (" + kind.reason() + ")";
            root.print(spec.commandLine().getOut(), doc, text);
            return Tpm2jCli.OK;
        }
    }
}

package dev.tpm2j.cli;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.core.Tpm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class PcrsCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    List<String> banks;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "pcrs",
                "Read PCRs 0-23 of the TPM's banks (TPM2_PCR_Read, paged through its eight-value limit).",
                "--json prints {\"pcrs\": {\"sha256\": {\"0\": \"hex\", ...}, ...}}, the format quote --pcr-values "
                        + "writes and verify-quote and eventlog read.");
        s.usageMessage().footer("", "Exit codes: 0 read, 2 usage error, 3 TPM or I/O error.", "",
                "Example: tpm2j pcrs --bank sha256 --json");
        s.addOption(CodeModel.list(String.class, () -> banks, v -> banks = v, "--bank").splitRegex(",")
                .paramLabel("BANK")
                .description("banks to read, e.g. sha1,sha256 (default: every bank the TPM has allocated)").build());
        return s;
    }

    @Override
    public Integer call() {
        List<Integer> algs = new ArrayList<>();
        if (banks != null) {
            for (String b : banks) {
                try {
                    algs.add(HashBank.parse(b));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--bank: " + e.getMessage(), e);
                }
            }
        }
        try (Tpm tpm = root.openTpm()) {
            if (algs.isEmpty()) {
                algs.addAll(DevicePcrs.allocatedBanks(tpm));
            }
            int[] all = new int[24];
            for (int i = 0; i < 24; i++) {
                all[i] = i;
            }
            PcrValues values = DevicePcrs.read(tpm, algs, all);
            root.print(spec.commandLine().getOut(), PcrValuesJson.document(values), text(values));
            return Tpm2jCli.OK;
        }
    }

    static String text(PcrValues values) {
        StringBuilder b = new StringBuilder();
        values.banks().forEach((bank, pcrs) -> {
            b.append(HashBank.name(bank)).append(":\n");
            pcrs.forEach((pcr, v) -> b.append(String.format("  %2d: %s%n", pcr, v.toHex())));
        });
        return b.toString().stripTrailing();
    }
}

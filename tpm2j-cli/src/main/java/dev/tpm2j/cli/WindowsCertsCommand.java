package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.WindowsCertStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class WindowsCertsCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    @Override
    public CommandSpec model() {
        return CodeModel.command(this, "windows-certs", "Windows only: the EK and intermediate certificates cached in "
                + "the registry (EKCertStore, IntermediateCACertStore), compared with what the TPM holds. Elsewhere it "
                + "exits 2.");
    }

    @Override
    public Integer call() throws Exception {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            throw new IllegalArgumentException("windows-certs reads the Windows registry (EKCertStore, "
                    + "IntermediateCACertStore); not on Windows (this is " + os + "): use ek-info and ek-chain here");
        }
        List<String> problems = new ArrayList<>();
        List<WindowsCertStore.Cached> eks = WindowsCertStore.read(WindowsCertStore.EK_STORE, problems);
        List<WindowsCertStore.Cached> cas = WindowsCertStore.read(WindowsCertStore.INTERMEDIATE_STORE, problems);
        try (Tpm tpm = root.openTpm()) {
            EkInventory inv = EkInventory.read(tpm);
            List<TpmCertificate> onTpm = new ArrayList<>();
            inv.ekCertificates().forEach(e -> e.certificate().ifPresent(onTpm::add));
            inv.chainCertificates().stream().map(EkChain.Sourced::certificate).forEach(onTpm::add);
            List<String> lines = new ArrayList<>(WindowsCertStore.compare(eks, onTpm));
            lines.addAll(WindowsCertStore.compare(cas, onTpm));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("comparison", lines);
            doc.put("problems", problems);
            root.print(spec.commandLine().getOut(), doc, String.join("\n", lines)
                    + (problems.isEmpty() ? "" : "\nproblems:\n  " + String.join("\n  ", problems)));
            return lines.stream().anyMatch(l -> l.startsWith("NOT")) ? Tpm2jCli.FINDING : Tpm2jCli.OK;
        }
    }
}

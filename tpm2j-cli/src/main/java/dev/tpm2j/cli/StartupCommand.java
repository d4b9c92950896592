package dev.tpm2j.cli;

import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.Startup;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.transport.MssimTransport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class StartupCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    /** {@code --clear} and {@code --state}: exclusive, both optional. */
    boolean clear;
    boolean state;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "startup", "Start a freshly powered TPM (a new simulator) with "
                + "TPM2_Startup, like tpm2_startup. On an mssim simulator the platform power-on and NV-on signals are "
                + "sent first. A TPM that is already started is fine (exit 0).");
        CodeModel.exclusive(s, "0..1",
                CodeModel.option(boolean.class, () -> clear, v -> clear = v, "--clear")
                        .description("TPM_SU_CLEAR: a fresh start (the default)").build(),
                CodeModel.option(boolean.class, () -> state, v -> state = v, "--state")
                        .description("TPM_SU_STATE: resume the state saved by TPM2_Shutdown(STATE)").build());
        return s;
    }

    @Override
    public Integer call() throws IOException {
        int su = state ? Startup.SU_STATE : Startup.SU_CLEAR;
        try (Tpm tpm = root.openTpm()) {
            TpmTransport t = tpm.transport();
            if (t instanceof CountingTransport c) {
                t = c.inner();
            }
            if (t instanceof MssimTransport m) {
                m.signal(MssimTransport.Signal.POWER_ON);
                m.signal(MssimTransport.Signal.NV_ON);
            }
            String outcome;
            try {
                tpm.execute(new Startup(su));
                outcome = "started";
            } catch (TpmResponseException e) {
                if (!e.is(TpmRc.INITIALIZE)) {
                    throw e;
                }
                outcome = "already started";
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("startupType", su == Startup.SU_STATE ? "state" : "clear");
            doc.put("outcome", outcome);
            root.print(spec.commandLine().getOut(), doc, "TPM2_Startup(" + (su == Startup.SU_STATE ? "STATE" : "CLEAR")
                    + "): " + outcome);
            return Tpm2jCli.OK;
        }
    }
}

package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.simulator.Swtpm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training run behind the start-up archives exercises the paths a user's run takes: every command it runs
 * succeeds (a refused connection exits 3, as it should), so the archive holds the classes of real work rather than
 * of usage errors; against a real swtpm the TPM commands run too.
 */
class StartupTrainingTest {
    private static List<Integer> exits(String tpm) {
        List<Integer> exits = new ArrayList<>();
        for (String[] run : StartupTraining.runs(tpm)) {
            var cl = Tpm2jCli.commandLine(
                    SubcommandSelection.forArgs(Tpm2jCli.SUBCOMMANDS_BY_NAME, Tpm2jCli.ROOT_OPTIONS, run));
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            exits.add(cl.execute(run));
        }
        return exits;
    }

    @Test
    void everyTpmLessRunSucceedsAndTheRefusedConnectionIsATpmError() {
        assertEquals(List.of(0, 0, 0, 0, 0, 3), exits(null));
    }

    @Test
    void againstSwtpmTheTpmCommandsSucceedToo() throws Exception {
        try (Swtpm sim = Swtpm.start()) {
            assertEquals(List.of(0, 0, 0, 0, 0, 3, 0, 0, 0), exits(sim.tpmSpec()));
        }
    }
}

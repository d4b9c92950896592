package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Attack review (CLI): an owner plants an EK-chain-range index with AUTHREAD|OWNERREAD and a secret authValue (no
 * NO_DA). {@code tpm2j nv-read} and {@code tpm2j ek} try the index authorization with an empty password (owner, which
 * would have worked, was never tried): each run was a dictionary-attack failure, and three runs locked the swtpm
 * out. Found by the attack review; failed before the fix, now the counter does not move.
 */
class NvReadDaAttackTest {
    @Test
    void nvReadEkChainAndAikUrlSpendNoDictionaryAttackBudget() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE)) {
            byte[] data = "planted".getBytes(StandardCharsets.UTF_8);
            int before;
            try (Tpm tpm = sim.openTpm()) {
                tpm.nvDefineSpace(new TpmsNvPublic(0x01C00105, TpmAlgId.SHA256, new TpmaNv(TpmaNv.AUTHREAD
                        | TpmaNv.AUTHWRITE | TpmaNv.OWNERREAD | TpmaNv.OWNERWRITE), Bytes.EMPTY, data.length),
                        "s3cret".getBytes(StandardCharsets.UTF_8), Authorization.owner());
                tpm.nvWrite(0x01C00105, 0, data, Authorization.owner());
                before = da(tpm);
            }
            StringBuilder log = new StringBuilder();
            for (String[] cmd : new String[][] {{"nv-read", "0x01c00105"}, {"ek-chain"}, {"aik-url"},
                {"nv-read", "0x01c00105"}}) {
                String[] args = new String[cmd.length + 2];
                args[0] = "--tpm";
                args[1] = sim.tpmSpec();
                System.arraycopy(cmd, 0, args, 2, cmd.length);
                CliRunner.Result r = CliRunner.run(args);
                int after;
                try (Tpm tpm = sim.openTpm()) {
                    after = da(tpm);
                }
                String line = "tpm2j " + String.join(" ", cmd) + " -> exit " + r.exit() + ", DA counter " + after
                        + (r.err().contains("AUTH_FAIL") || r.out().contains("AUTH_FAIL") ? " (AUTH_FAIL reported)" : "")
                        + (r.err().contains("LOCKOUT") || r.out().contains("LOCKOUT") ? " (LOCKOUT reported)" : "");
                System.out.println("[attack] " + line);
                log.append(line).append('\n');
            }
            int end;
            try (Tpm tpm = sim.openTpm()) {
                end = da(tpm);
            }
            assertEquals(before, end, "tpm2j spent the DA budget:\n" + log);
        }
    }

    private static int da(Tpm tpm) {
        return tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElse(-1);
    }
}

package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.PolicyAuthValue;
import dev.tpm2j.core.commands.PolicyCommandCode;
import dev.tpm2j.core.commands.PolicyNv;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicyPassword;
import dev.tpm2j.core.commands.PolicyPcr;
import dev.tpm2j.core.commands.PolicyRestart;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trial sessions on swtpm: after every assertion (PolicyCommandCode, PolicyPCR, PolicyNV, PolicySecret,
 * PolicyAuthValue, PolicyPassword, PolicyOR) the TPM's PolicyGetDigest equals the digest tpm2j computes in software,
 * for SHA-256 and SHA-384; PolicyRestart brings it back to zeros.
 */
class TrialPolicyTest {
    @Test
    void softwareDigestsEqualPolicyGetDigestStepByStep() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            int index = 0x01500900;
            byte[] pw = "policy nv".getBytes(StandardCharsets.US_ASCII);
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.NO_DA), Bytes.EMPTY, 8), pw, Authorization.owner());
            try {
                tpm.nvWrite(index, 0, "abcdefgh".getBytes(StandardCharsets.US_ASCII),
                        Authorization.nvIndex(PasswordSession.of(pw)));
                Bytes indexName = tpm.nameOf(index);
                for (int hash : new int[] {TpmAlgId.SHA256, TpmAlgId.SHA384}) {
                    TpmlPcrSelection pcrs = new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1,
                            7)));
                    Bytes pcrDigest = Bytes.of(TpmHash.hash(hash, "three PCR values".getBytes(
                            StandardCharsets.US_ASCII)));
                    Bytes operand = Bytes.of("cd".getBytes(StandardCharsets.US_ASCII));
                    try (PolicySession trial = tpm.startPolicySession(SessionOptions.trial(hash))) {
                        PolicyDigest expected = PolicyDigest.start(hash);
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "start");
                        tpm.execute(new PolicyCommandCode(trial.handle(), TpmCc.NV_Read));
                        expected = expected.policyCommandCode(TpmCc.NV_Read);
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyCommandCode");
                        tpm.execute(new PolicyPcr(trial.handle(), pcrDigest, pcrs));
                        expected = expected.policyPcr(pcrs, pcrDigest);
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyPCR");
                        tpm.execute(new PolicyNv(index, index, trial.handle(), operand, 2, PolicyNv.EQ),
                                PasswordSession.of(pw));
                        expected = expected.policyNv(operand, 2, PolicyNv.EQ, indexName);
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyNV");
                        tpm.execute(PolicySecret.of(TpmRh.OWNER, trial.handle()), PasswordSession.empty());
                        expected = expected.policySecret(tpm.nameOf(TpmRh.OWNER), Bytes.EMPTY);
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicySecret");
                        tpm.execute(new PolicyAuthValue(trial.handle()));
                        expected = expected.policyAuthValue();
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyAuthValue");
                        tpm.execute(new PolicyPassword(trial.handle()));
                        expected = expected.policyPassword();
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyPassword");
                        Bytes other = Bytes.of(TpmHash.hash(hash, new byte[] {1}));
                        tpm.execute(new PolicyOr(trial.handle(), new TpmlDigest(List.of(expected.digest(), other))));
                        expected = expected.policyOr(List.of(expected.digest(), other));
                        assertEquals(expected.digest(), tpm.policyGetDigest(trial), "PolicyOR");
                        tpm.execute(new PolicyRestart(trial.handle()));
                        assertEquals(PolicyDigest.start(hash).digest(), tpm.policyGetDigest(trial), "PolicyRestart");
                    }
                }
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
            }
        }
    }
}

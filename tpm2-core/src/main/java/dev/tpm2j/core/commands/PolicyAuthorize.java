package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmtTkVerified;

/**
 * TPM2_PolicyAuthorize (Part 3 §23.16): replace the session's policy digest, when it equals {@code approvedPolicy},
 * by the digest of "whatever the key named {@code keySign} approves for {@code policyRef}". The approval is
 * {@code checkTicket}, from TPM2_VerifySignature of {@code H(approvedPolicy ‖ policyRef)} by that key. Trial sessions
 * check neither the digest nor the ticket (pass {@link TpmtTkVerified#NULL}). Software digest:
 * {@code PolicyDigest.policyAuthorize(keySign, policyRef)}.
 */
public record PolicyAuthorize(int policySession, Bytes approvedPolicy, Bytes policyRef, Bytes keySign,
                              TpmtTkVerified checkTicket) implements NoResponseCommand {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicyAuthorize)
            .withHandles(1, 0)
            .withTpm2bCommandParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** For a trial session: the approved policy and ticket are not checked, only the key name and policyRef count. */
    public static PolicyAuthorize trial(int trialSession, Bytes policyRef, Bytes keySign) {
        return new PolicyAuthorize(trialSession, Bytes.EMPTY, policyRef, keySign, TpmtTkVerified.NULL);
    }

    @Override
    public int[] handles() {
        return new int[] {policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(approvedPolicy);
        w.tpm2b(policyRef);
        w.tpm2b(keySign);
        checkTicket.marshal(w);
    }

    @Override
    public String explain(ResponseCode rc) {
        if (rc.base() != TpmRc.VALUE || rc.parameter() == null) {
            return null;
        }
        return switch (rc.parameter()) {
            case 1 -> "approvedPolicy is not the session's current policy digest";
            case 4 -> "the ticket does not prove that keySign approved this policy and policyRef";
            default -> null;
        };
    }
}

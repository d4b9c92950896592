package dev.tpm2j.ek;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.PolicyOr;
import dev.tpm2j.core.commands.PolicySecret;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkPolicies;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import java.util.List;

/**
 * Policy sessions that satisfy an EK's authorization policy, chosen from the EK's actual authPolicy digest (not
 * from its hash algorithm): PolicyA = PolicySecret(TPM_RH_ENDORSEMENT); PolicyB = PolicySecret, then
 * PolicyOR(PolicyA, PolicyC). The endorsement authorization may carry a password.
 */
public final class EkPolicySessions {
    private EkPolicySessions() {
    }

    /** Which EK policy a public area carries. */
    public enum Kind { POLICY_A, POLICY_B }

    /** Recognizes the EK's authPolicy or explains why it cannot be satisfied. */
    public static Kind kindOf(TpmtPublic ek) {
        int hash = ek.nameAlg();
        Bytes policy = ek.authPolicy();
        if (!TpmAlgId.isHash(hash) || hash == TpmAlgId.SHA1) {
            throw new UnsupportedEkException("EK nameAlg " + TpmAlgId.name(hash) + " has no profile policy");
        }
        if (policy.equals(EkPolicies.policyA(hash))) {
            return Kind.POLICY_A;
        }
        if (policy.equals(EkPolicies.policyB(hash))) {
            return Kind.POLICY_B;
        }
        throw new UnsupportedEkException("the EK's authPolicy " + policy.toHex() + " is neither PolicyA nor PolicyB "
                + "for " + TpmAlgId.name(hash) + ": it was not created from a TCG EK template");
    }

    /**
     * Starts an unsalted policy session that authorizes the EK in the USER role. The caller closes it (which
     * flushes it); on failure here it is flushed before the exception propagates.
     */
    public static PolicySession start(Tpm tpm, TpmtPublic ek, Authorization endorsement) {
        return start(tpm, ek, endorsement, 0);
    }

    /**
     * Starts a policy session for the EK that is salted to the EK itself (loaded at {@code ekHandle}) and asks the
     * TPM to encrypt the first response parameter, so what the command returns (ActivateCredential's secret) never
     * crosses the bus in clear, and every response is HMAC-checked. The TPM keys that encryption with the EK's
     * authValue, which a TCG EK template leaves empty: authorize with
     * {@code Authorization.of(ekHandle, session, new byte[0])}.
     */
    public static PolicySession startSaltedEncrypting(Tpm tpm, int ekHandle, TpmtPublic ek, Authorization endorsement) {
        return start(tpm, ek, endorsement, ekHandle);
    }

    private static PolicySession start(Tpm tpm, TpmtPublic ek, Authorization endorsement, int saltKey) {
        Kind kind = kindOf(ek);
        int hash = ek.nameAlg();
        SessionOptions options = SessionOptions.policy(hash);
        if (saltKey != 0) {
            options = options.withSalt(saltKey, ek).withEncryption(TpmtSymDef.AES_128_CFB, false, true);
        }
        PolicySession s = tpm.startPolicySession(options);
        try {
            tpm.execute(PolicySecret.of(endorsement.handle(), s.handle()), endorsement.session());
            if (kind == Kind.POLICY_B) {
                tpm.execute(new PolicyOr(s.handle(), new TpmlDigest(List.of(EkPolicies.policyA(hash),
                        EkPolicies.policyC(hash)))));
            }
            return s;
        } catch (RuntimeException e) {
            try {
                s.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}

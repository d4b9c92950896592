package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import java.util.List;

/**
 * Computes policy digests in software by extending, exactly as a trial session would (Part 3 §23): start from zeros,
 * then apply each assertion. Immutable: every step returns a new value.
 */
public record PolicyDigest(int hashAlg, Bytes digest) {
    /** The all-zero starting digest for {@code hashAlg}. */
    public static PolicyDigest start(int hashAlg) {
        return new PolicyDigest(hashAlg, Bytes.zeros(TpmHash.digestSize(hashAlg)));
    }

    /**
     * TPM2_PolicySecret: digest = H(H(digest ‖ TPM_CC_PolicySecret ‖ authName) ‖ policyRef).
     */
    public PolicyDigest policySecret(Bytes authObjectName, Bytes policyRef) {
        return policyUpdate(TpmCc.PolicySecret, authObjectName, policyRef);
    }

    /** TPM2_PolicyOR: digest = H(zeros ‖ TPM_CC_PolicyOR ‖ branch digests…); the current digest is replaced. */
    public PolicyDigest policyOr(List<Bytes> branches) {
        if (branches.size() < 2 || branches.size() > 8) {
            throw new IllegalArgumentException("PolicyOR takes 2 to 8 branches");
        }
        TpmWriter w = new TpmWriter();
        w.raw(Bytes.zeros(digest.size()));
        w.u32(TpmCc.PolicyOR);
        for (Bytes b : branches) {
            if (b.size() != digest.size()) {
                throw new IllegalArgumentException("branch digest size does not match the policy hash");
            }
            w.raw(b);
        }
        return new PolicyDigest(hashAlg, Bytes.of(TpmHash.hash(hashAlg, w.toByteArray())));
    }

    /** TPM2_PolicyAuthorizeNV: digest = H(digest ‖ TPM_CC_PolicyAuthorizeNV ‖ nvIndexName). */
    public PolicyDigest policyAuthorizeNv(Bytes nvIndexName) {
        return extend(TpmCc.PolicyAuthorizeNV, nvIndexName);
    }

    /**
     * TPM2_PolicyAuthorize: the current digest is replaced by H(H(zeros ‖ TPM_CC_PolicyAuthorize ‖ keySignName) ‖
     * policyRef) — the policy "anything the key named {@code keySignName} approves for {@code policyRef}".
     */
    public PolicyDigest policyAuthorize(Bytes keySignName, Bytes policyRef) {
        return start(hashAlg).policyUpdate(TpmCc.PolicyAuthorize, keySignName, policyRef);
    }

    /**
     * The digest an authorizing key signs to approve {@code approvedPolicy} for {@code policyRef} (aHash of
     * TPM2_PolicyAuthorize): H_{@code hashAlg}(approvedPolicy ‖ policyRef), {@code hashAlg} being the signing
     * scheme's hash. Give it to TPM2_VerifySignature with the signature to get the ticket.
     */
    public static Bytes approvalDigest(int hashAlg, Bytes approvedPolicy, Bytes policyRef) {
        return Bytes.of(TpmHash.hash(hashAlg, approvedPolicy.toByteArray(), policyRef.toByteArray()));
    }

    /** TPM2_PolicyCommandCode: digest = H(digest ‖ TPM_CC_PolicyCommandCode ‖ code). */
    public PolicyDigest policyCommandCode(int commandCode) {
        return extend(0x16C, new TpmWriter(4).u32(commandCode).toBytes());
    }

    /** TPM2_PolicyAuthValue: digest = H(digest ‖ TPM_CC_PolicyAuthValue). */
    public PolicyDigest policyAuthValue() {
        return extend(TpmCc.PolicyAuthValue, Bytes.EMPTY);
    }

    /** TPM2_PolicyPassword: the same digest as PolicyAuthValue (it extends TPM_CC_PolicyAuthValue, Part 3 §23.18). */
    public PolicyDigest policyPassword() {
        return policyAuthValue();
    }

    /**
     * TPM2_PolicyPCR: digest = H(digest ‖ TPM_CC_PolicyPCR ‖ pcrs ‖ pcrDigest), where pcrDigest is the hash (policy
     * hash) of the selected PCR values concatenated in selection order.
     */
    public PolicyDigest policyPcr(dev.tpm2j.core.types.TpmlPcrSelection pcrs, Bytes pcrDigest) {
        TpmWriter w = new TpmWriter();
        pcrs.marshal(w);
        w.raw(pcrDigest);
        return extend(TpmCc.PolicyPCR, w.toBytes());
    }

    /**
     * TPM2_PolicyNV: digest = H(digest ‖ TPM_CC_PolicyNV ‖ H(operandB ‖ offset ‖ operation) ‖ nvIndexName).
     */
    public PolicyDigest policyNv(Bytes operandB, int offset, int operation, Bytes nvIndexName) {
        TpmWriter args = new TpmWriter();
        args.raw(operandB).u16(offset).u16(operation);
        Bytes argsHash = Bytes.of(TpmHash.hash(hashAlg, args.toByteArray()));
        TpmWriter w = new TpmWriter();
        w.raw(argsHash).raw(nvIndexName);
        return extend(TpmCc.PolicyNV, w.toBytes());
    }

    private PolicyDigest extend(int commandCode, Bytes arg) {
        TpmWriter w = new TpmWriter();
        w.raw(digest).u32(commandCode).raw(arg);
        return new PolicyDigest(hashAlg, Bytes.of(TpmHash.hash(hashAlg, w.toByteArray())));
    }

    private PolicyDigest policyUpdate(int commandCode, Bytes arg2, Bytes arg3) {
        PolicyDigest first = extend(commandCode, arg2);
        byte[] second = TpmHash.hash(hashAlg, first.digest.toByteArray(), arg3.toByteArray());
        return new PolicyDigest(hashAlg, Bytes.of(second));
    }
}

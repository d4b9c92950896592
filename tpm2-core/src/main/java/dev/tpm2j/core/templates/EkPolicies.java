package dev.tpm2j.core.templates;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import java.util.List;

/**
 * The EK authorization policies of the TCG EK Credential Profile (Annex B.6), derived here by extending policy
 * digests rather than copied as constants: PolicyA = PolicySecret(TPM_RH_ENDORSEMENT); PolicyC =
 * PolicyAuthorizeNV(the EK policy index); PolicyB = PolicyOR(PolicyA, PolicyC).
 */
public final class EkPolicies {
    private EkPolicies() {
    }

    /** Attributes of the EK policy indices 0x01C07F01–03 (POLICYWRITE|WRITEALL|PPREAD|OWNERREAD|AUTHREAD|POLICYREAD|NO_DA|WRITTEN). */
    public static final int POLICY_INDEX_ATTRIBUTES = TpmaNv.POLICYWRITE | TpmaNv.WRITEALL | TpmaNv.PPREAD
            | TpmaNv.OWNERREAD | TpmaNv.AUTHREAD | TpmaNv.POLICYREAD | TpmaNv.NO_DA | TpmaNv.WRITTEN;

    /** PolicySecret(TPM_RH_ENDORSEMENT) with an empty policyRef. */
    public static Bytes policyA(int hashAlg) {
        return PolicyDigest.start(hashAlg).policySecret(Names.handle(TpmRh.ENDORSEMENT), Bytes.EMPTY).digest();
    }

    /** The EK policy NV index for a hash: 0x01C07F01 (SHA-256), 02 (SHA-384), 03 (SHA-512). */
    public static int policyIndex(int hashAlg) {
        return switch (hashAlg) {
            case TpmAlgId.SHA256 -> 0x01C07F01;
            case TpmAlgId.SHA384 -> 0x01C07F02;
            case TpmAlgId.SHA512 -> 0x01C07F03;
            default -> throw new IllegalArgumentException("no EK policy index for " + TpmAlgId.name(hashAlg));
        };
    }

    /**
     * The public area of an EK policy index as the profile defines it: its own PolicyA as authPolicy and room for a
     * TPMT_HA of its hash.
     */
    public static TpmsNvPublic policyIndexPublic(int hashAlg) {
        return new TpmsNvPublic(policyIndex(hashAlg), hashAlg, new TpmaNv(POLICY_INDEX_ATTRIBUTES), policyA(hashAlg),
                2 + TpmHash.digestSize(hashAlg));
    }

    /** PolicyAuthorizeNV(Name(policy index)). */
    public static Bytes policyC(int hashAlg) {
        Bytes indexName = Names.nv(policyIndexPublic(hashAlg));
        return PolicyDigest.start(hashAlg).policyAuthorizeNv(indexName).digest();
    }

    /** PolicyOR(PolicyA, PolicyC): the authPolicy of the high-range EK templates. */
    public static Bytes policyB(int hashAlg) {
        return PolicyDigest.start(hashAlg).policyOr(List.of(policyA(hashAlg), policyC(hashAlg))).digest();
    }
}

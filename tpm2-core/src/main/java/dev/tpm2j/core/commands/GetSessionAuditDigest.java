package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * TPM2_GetSessionAuditDigest (Part 3 §18.5): the audit digest of {@code sessionHandle} in a TPMS_ATTEST, signed by
 * {@code signHandle} (TPM_RH_NULL: unsigned). {@code privacyAdminHandle} is TPM_RH_ENDORSEMENT.
 */
public record GetSessionAuditDigest(int privacyAdminHandle, int signHandle, int sessionHandle, Bytes qualifyingData,
                                    TpmtSigScheme inScheme) implements TpmCommand<GetSessionAuditDigest.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.GetSessionAuditDigest)
            .withHandles(3, 2)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    /** The exact TPMS_ATTEST bytes and their signature (TPM_ALG_NULL when unsigned). */
    public record Response(Bytes auditInfo, TpmtSignature signature) {
        /**
         * The sessionDigest at the end of the TPMS_SESSION_AUDIT_INFO the attestation ends with ({@code digestSize}
         * bytes preceded by their TPM2B size). Unverified until the signature is.
         */
        public Bytes sessionDigest(int digestSize) {
            int n = auditInfo.size();
            if (n < digestSize + 3) {
                throw new TpmFormatException("TPMS_SESSION_AUDIT_INFO", 0, "attestation of " + n
                        + " bytes is too short for a " + digestSize + "-byte session digest");
            }
            int size = ((auditInfo.get(n - digestSize - 2) & 0xFF) << 8) | (auditInfo.get(n - digestSize - 1) & 0xFF);
            if (size != digestSize) {
                throw new TpmFormatException("TPMS_SESSION_AUDIT_INFO", n - digestSize - 2, "sessionDigest of "
                        + size + " bytes, " + digestSize + " expected");
            }
            return auditInfo.slice(n - digestSize, n);
        }
    }

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {privacyAdminHandle, signHandle, sessionHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(qualifyingData);
        inScheme.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        Bytes info = r.tpm2b("TPM2B_ATTEST auditInfo", Limits.ATTEST);
        return new Response(info, TpmtSignature.read(r));
    }
}

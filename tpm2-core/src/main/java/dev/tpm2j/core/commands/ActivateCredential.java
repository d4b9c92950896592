package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;

/**
 * TPM2_ActivateCredential (Part 3 §12.5): recover a credential protected to {@code keyHandle} (the EK, USER role)
 * and bound to the name of {@code activateHandle} (the AK, ADMIN role). Two authorization sessions.
 */
public record ActivateCredential(int activateHandle, int keyHandle, Tpm2bIdObject credentialBlob,
                                 Tpm2bEncryptedSecret secret) implements TpmCommand<ActivateCredential.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ActivateCredential)
            .withHandles(2, 2)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** certInfo: the recovered secret. The caller owns and must wipe it. */
    public record Response(byte[] certInfo) {
        @Override
        public String toString() {
            return "ActivateCredential.Response[certInfo=(" + certInfo.length + " bytes)]";
        }
    }

    @Override
    public int[] handles() {
        return new int[] {activateHandle, keyHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        credentialBlob.marshal(w);
        secret.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(r.tpm2bRaw("TPM2B_DIGEST certInfo", Limits.DIGEST));
    }

    @Override
    public String explain(ResponseCode rc) {
        return switch (rc.base()) {
            case TpmRc.INTEGRITY -> "the credential was not made for this EK, or not for this AK's name "
                    + "(wrong EK, credential for another TPM, or AK name mismatch)";
            case TpmRc.POLICY_FAIL -> "the EK's policy session does not satisfy its authPolicy "
                    + "(PolicySecret(TPM_RH_ENDORSEMENT) missing, or the PolicyOR branch is wrong)";
            case TpmRc.BAD_AUTH, TpmRc.AUTH_FAIL -> rc.session() != null && rc.session() == 1
                    ? "the AK's authorization value is wrong" : "the EK's authorization is wrong (endorsement password?)";
            case TpmRc.SIZE, TpmRc.VALUE -> "the credential blob or encrypted secret is malformed for this EK";
            default -> null;
        };
    }

    @Override
    public boolean carriesData() {
        return true;
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_MakeCredential (Part 3 §12.6), done by a TPM: protect {@code credential} to the loaded public key
 * {@code handle}, bound to {@code objectName}. No authorization. tpm2j also does this in software.
 */
public record MakeCredential(int handle, byte[] credential, Bytes objectName)
        implements TpmCommand<MakeCredential.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.MakeCredential)
            .withHandles(1, 0)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public record Response(Tpm2bIdObject credentialBlob, Tpm2bEncryptedSecret secret) {
    }

    @Override
    public int[] handles() {
        return new int[] {handle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(credential);
        w.tpm2b(objectName);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(Tpm2bIdObject.read(r), Tpm2bEncryptedSecret.read(r));
    }

    @Override
    public boolean carriesData() {
        return true;
    }
}

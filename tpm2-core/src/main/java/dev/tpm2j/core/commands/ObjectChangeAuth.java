package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_ObjectChangeAuth (Part 3 §12.8): a new private area for a loaded object with {@code newAuth}. The loaded
 * object keeps its old authValue (load the new private to use the new one), so the response HMAC uses the old one.
 */
public record ObjectChangeAuth(int objectHandle, int parentHandle, byte[] newAuth)
        implements TpmCommand<ObjectChangeAuth.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ObjectChangeAuth)
            .withHandles(2, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** The new TPM2B_PRIVATE (encrypted by the parent). */
    public record Response(Bytes outPrivate) {
    }

    @Override
    public int[] handles() {
        return new int[] {objectHandle, parentHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(newAuth);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        return new Response(r.tpm2b("TPM2B_PRIVATE outPrivate", Limits.PRIVATE));
    }

    @Override
    public boolean parametersAreSecret() {
        return true;
    }

    @Override
    public String toString() {
        return String.format("ObjectChangeAuth[objectHandle=0x%08x, parentHandle=0x%08x, newAuth=(%d bytes)]",
                objectHandle, parentHandle, newAuth.length);
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPM2B_ID_OBJECT: a credential blob from MakeCredential (integrity HMAC and encrypted identity), opaque here. */
public record Tpm2bIdObject(Bytes credential) implements TpmMarshallable {
    public Tpm2bIdObject {
        if (credential.size() > Limits.ID_OBJECT) {
            throw new IllegalArgumentException("credential blob larger than " + Limits.ID_OBJECT + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(credential);
    }

    public static Tpm2bIdObject read(TpmReader r) {
        return new Tpm2bIdObject(r.tpm2b("TPM2B_ID_OBJECT", Limits.ID_OBJECT));
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPM2B_ENCRYPTED_SECRET: a seed encrypted to a key (RSA-OAEP ciphertext or a marshalled ECC point). */
public record Tpm2bEncryptedSecret(Bytes secret) implements TpmMarshallable {
    public Tpm2bEncryptedSecret {
        if (secret.size() > Limits.ENCRYPTED_SECRET) {
            throw new IllegalArgumentException("encrypted secret larger than " + Limits.ENCRYPTED_SECRET + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(secret);
    }

    public static Tpm2bEncryptedSecret read(TpmReader r) {
        return new Tpm2bEncryptedSecret(r.tpm2b("TPM2B_ENCRYPTED_SECRET", Limits.ENCRYPTED_SECRET));
    }
}

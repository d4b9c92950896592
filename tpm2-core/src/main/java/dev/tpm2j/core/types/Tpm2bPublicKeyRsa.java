package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPM2B_PUBLIC_KEY_RSA: an RSA modulus, big-endian, at most 512 bytes. */
public record Tpm2bPublicKeyRsa(Bytes buffer) implements TpmuPublicId {
    public Tpm2bPublicKeyRsa {
        if (buffer.size() > Limits.RSA_KEY) {
            throw new IllegalArgumentException("RSA modulus larger than " + Limits.RSA_KEY + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(buffer);
    }

    public static Tpm2bPublicKeyRsa read(TpmReader r) {
        return new Tpm2bPublicKeyRsa(r.tpm2b("TPM2B_PUBLIC_KEY_RSA", Limits.RSA_KEY));
    }
}

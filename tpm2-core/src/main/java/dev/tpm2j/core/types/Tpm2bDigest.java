package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPM2B_DIGEST: a digest of at most 64 bytes (also the unique field of keyed-hash and symmetric objects). */
public record Tpm2bDigest(Bytes buffer) implements TpmuPublicId {
    public static final Tpm2bDigest EMPTY = new Tpm2bDigest(Bytes.EMPTY);

    public Tpm2bDigest {
        if (buffer.size() > Limits.DIGEST) {
            throw new IllegalArgumentException("digest larger than " + Limits.DIGEST + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(buffer);
    }

    public static Tpm2bDigest read(TpmReader r) {
        return new Tpm2bDigest(r.tpm2b("TPM2B_DIGEST", Limits.DIGEST));
    }
}

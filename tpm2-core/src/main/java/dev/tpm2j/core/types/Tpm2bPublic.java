package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPM2B_PUBLIC: a TPMT_PUBLIC behind a u16 size; the size must cover the public area exactly. */
public record Tpm2bPublic(TpmtPublic publicArea) implements TpmMarshallable {
    @Override
    public void marshal(TpmWriter w) {
        w.sized(publicArea::marshal);
    }

    public static Tpm2bPublic read(TpmReader r) {
        TpmReader in = r.sized("TPM2B_PUBLIC", Limits.PUBLIC);
        if (!in.hasRemaining()) {
            throw in.error("TPM2B_PUBLIC", "empty public area");
        }
        TpmtPublic p = TpmtPublic.read(in);
        in.expectEnd("TPM2B_PUBLIC");
        return new Tpm2bPublic(p);
    }
}

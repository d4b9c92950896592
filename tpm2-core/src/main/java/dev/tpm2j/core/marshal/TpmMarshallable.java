package dev.tpm2j.core.marshal;

/** A TPM structure that knows how to write itself in canonical TPM wire format. */
public interface TpmMarshallable {
    void marshal(TpmWriter w);

    /** The structure's wire bytes. */
    default byte[] toBytes() {
        TpmWriter w = new TpmWriter();
        marshal(w);
        return w.toByteArray();
    }
}

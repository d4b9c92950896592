package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMS_CONTEXT (Part 2 §14.3): a saved object or session context — sequence number, the handle it was saved from,
 * its hierarchy and the TPM-encrypted, integrity-protected blob. Opaque outside the TPM that made it.
 */
public record TpmsContext(long sequence, int savedHandle, int hierarchy, Bytes contextBlob) implements TpmMarshallable {
    /** The largest context blob tpm2j accepts (TPM2B_CONTEXT_DATA; implementations stay well below it). */
    public static final int MAX_BLOB = 8192;

    /** Checks the blob size. */
    public TpmsContext {
        if (contextBlob.size() > MAX_BLOB) {
            throw new IllegalArgumentException("context blob larger than " + MAX_BLOB + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u64(sequence);
        w.u32(savedHandle);
        w.u32(hierarchy);
        w.tpm2b(contextBlob);
    }

    /** Reads a TPMS_CONTEXT. */
    public static TpmsContext read(TpmReader r) {
        String s = "TPMS_CONTEXT";
        long sequence = r.u64(s);
        int saved = r.u32(s);
        int hierarchy = r.u32(s);
        Bytes blob = r.tpm2b("TPMS_CONTEXT.contextBlob", MAX_BLOB);
        return new TpmsContext(sequence, saved, hierarchy, blob);
    }
}

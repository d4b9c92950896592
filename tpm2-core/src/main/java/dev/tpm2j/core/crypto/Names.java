package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;

/** TPM names computed in software (Part 1 §16): nameAlg ‖ H(public area), or the handle for permanent entities. */
public final class Names {
    private Names() {
    }

    /** Name of an object: nameAlg (u16) ‖ H_nameAlg(marshalled TPMT_PUBLIC). */
    public static Bytes object(TpmtPublic pub) {
        return ofArea(pub.nameAlg(), pub.toBytes());
    }

    /** Name of an NV index: nameAlg (u16) ‖ H_nameAlg(marshalled TPMS_NV_PUBLIC). */
    public static Bytes nv(TpmsNvPublic pub) {
        return ofArea(pub.nameAlg(), pub.toBytes());
    }

    /** Name of a PCR, session or permanent handle: the handle itself (big-endian u32). */
    public static Bytes handle(int handle) {
        int type = TpmHt.of(handle);
        if (type == TpmHt.NV_INDEX || type == TpmHt.TRANSIENT || type == TpmHt.PERSISTENT) {
            throw new IllegalArgumentException(String.format(
                    "0x%08x has a computed name; use object() or nv() with its public area", handle));
        }
        return new TpmWriter(4).u32(handle).toBytes();
    }

    private static Bytes ofArea(int nameAlg, byte[] area) {
        byte[] digest = TpmHash.hash(nameAlg, area);
        TpmWriter w = new TpmWriter(2 + digest.length);
        w.u16(nameAlg).raw(digest);
        return w.toBytes();
    }
}

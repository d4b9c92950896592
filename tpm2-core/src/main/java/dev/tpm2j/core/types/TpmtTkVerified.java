package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMT_TK_VERIFIED: the TPM's ticket that a key (named in the ticket's HMAC) signed a digest, from
 * TPM2_VerifySignature; TPM2_PolicyAuthorize checks it. A key loaded in TPM_RH_NULL gets a NULL ticket (hierarchy
 * TPM_RH_NULL, empty digest), which no real policy session accepts; trial sessions do not check the ticket.
 *
 * @param tag       TPM_ST_VERIFIED
 * @param hierarchy the hierarchy of the key that verified the signature
 * @param digest    HMAC(proof, TPM_ST_VERIFIED ‖ digest ‖ keyName)
 */
public record TpmtTkVerified(int tag, int hierarchy, Bytes digest) implements TpmMarshallable {
    /** The NULL ticket (for trial sessions, where it is not checked). */
    public static final TpmtTkVerified NULL = new TpmtTkVerified(TpmSt.VERIFIED, TpmRh.NULL, Bytes.EMPTY);

    @Override
    public void marshal(TpmWriter w) {
        w.u16(tag);
        w.u32(hierarchy);
        w.tpm2b(digest);
    }

    /** Reads a TPMT_TK_VERIFIED, refusing any other ticket tag. */
    public static TpmtTkVerified read(TpmReader r) {
        String s = "TPMT_TK_VERIFIED";
        int at = r.offset();
        int tag = r.u16(s);
        if (tag != TpmSt.VERIFIED) {
            throw r.errorAt(at, s, String.format("tag 0x%04x is not TPM_ST_VERIFIED", tag));
        }
        int hierarchy = r.u32(s);
        return new TpmtTkVerified(tag, hierarchy, r.tpm2b("TPMT_TK_VERIFIED.digest", Limits.DIGEST));
    }
}

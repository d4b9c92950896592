package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * TPM2_Sign (Part 3 §20.2): the loaded key {@code keyHandle} (USER role) signs {@code digest} with {@code inScheme}
 * (or the key's own scheme when that is NULL). An unrestricted key needs no ticket: {@link #of} sends the NULL
 * TPMT_TK_HASHCHECK. A restricted key signs only digests the TPM hashed itself (TPM2_Hash's ticket).
 *
 * @param keyHandle  the signing key
 * @param digest     the digest to sign, as long as the scheme's hash
 * @param inScheme   the scheme, or {@link TpmtSigScheme#NULL} for the key's
 * @param ticketTag  TPMT_TK_HASHCHECK.tag (TPM_ST_HASHCHECK)
 * @param ticketHierarchy TPMT_TK_HASHCHECK.hierarchy (TPM_RH_NULL for the NULL ticket)
 * @param ticketDigest TPMT_TK_HASHCHECK.digest (empty for the NULL ticket)
 */
public record Sign(int keyHandle, Bytes digest, TpmtSigScheme inScheme, int ticketTag, int ticketHierarchy,
                   Bytes ticketDigest) implements TpmCommand<TpmtSignature> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.Sign)
            .withHandles(1, 1)
            .withTpm2bCommandParameter();

    /** Checks the digest and ticket sizes. */
    public Sign {
        if (digest.size() > Limits.DIGEST || ticketDigest.size() > Limits.DIGEST) {
            throw new IllegalArgumentException("a digest is at most " + Limits.DIGEST + " bytes");
        }
    }

    /** Signs {@code digest} with an unrestricted key (NULL hash-check ticket). */
    public static Sign of(int keyHandle, Bytes digest, TpmtSigScheme scheme) {
        return new Sign(keyHandle, digest, scheme, TpmSt.HASHCHECK, TpmRh.NULL, Bytes.EMPTY);
    }

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {keyHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(digest);
        inScheme.marshal(w);
        w.u16(ticketTag);
        w.u32(ticketHierarchy);
        w.tpm2b(ticketDigest);
    }

    @Override
    public TpmtSignature parseResponse(int[] h, TpmReader r) {
        return TpmtSignature.read(r);
    }

    @Override
    public String explain(ResponseCode rc) {
        if (rc.base() == TpmRc.TICKET) {
            return "a restricted key signs only digests the TPM hashed itself (TPM2_Hash ticket)";
        }
        return rc.base() == TpmRc.SCHEME ? "the key's attributes or scheme do not allow this signing scheme" : null;
    }
}

package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * What a device sends a verifier after a quote: the exact signed TPMS_ATTEST bytes, the signature, and the PCR values
 * the quote covers ({@link PcrValues#EMPTY} for a certify). Nothing here is trusted until
 * {@link AttestationVerifier} says so.
 *
 * @param message the TPMS_ATTEST bytes exactly as signed
 * @param signature the AK's signature over them
 * @param pcrValues the quoted PCRs' values
 */
public record Attested(Bytes message, TpmtSignature signature, PcrValues pcrValues) {
    /** The signature marshalled as TPMT_SIGNATURE (tpm2-tools' {@code -s} file). */
    public byte[] signatureBytes() {
        dev.tpm2j.core.marshal.TpmWriter w = new dev.tpm2j.core.marshal.TpmWriter();
        signature.marshal(w);
        return w.toByteArray();
    }
}

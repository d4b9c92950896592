package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;

/**
 * The result of verifying one attestation: the verdict (valid, or the first failure) and the individual checks a
 * caller may want to show. The message bytes are kept exactly as signed.
 *
 * @param verdict valid, or the first check that failed
 * @param signature whether the AK's signature verified over {@code message}
 * @param nonce whether extraData equals the verifier's nonce
 * @param pcrDigest whether the quoted pcrDigest equals the digest of the supplied PCR values
 * @param message the exact signed TPMS_ATTEST bytes
 * @param attest the parsed message, or null when it does not parse
 * @param quotedPcrs the PCR values this quote vouches for: when the verdict is valid and values were given, exactly
 *        the quote's selection with the values whose digest the TPM signed; otherwise {@link PcrValues#EMPTY}. Only
 *        these may be compared with an event log ({@code ReplayedPcrs.compareWith}, {@code EventLog.secureBoot})
 */
public record AttestationReport(Verdict verdict, Check signature, Check nonce, Check pcrDigest, Bytes message,
                                TpmsAttest attest, PcrValues quotedPcrs) {
    /** A report that vouches for no PCR value. */
    public AttestationReport(Verdict verdict, Check signature, Check nonce, Check pcrDigest, Bytes message,
                             TpmsAttest attest) {
        this(verdict, signature, nonce, pcrDigest, message, attest, PcrValues.EMPTY);
    }

    /** Keeps quoted PCR values only for a valid verdict. */
    public AttestationReport {
        if (!(verdict instanceof Verdict.Valid) || quotedPcrs == null) {
            quotedPcrs = PcrValues.EMPTY;
        }
    }

    /** Whether the verdict is {@link Verdict.Valid}. */
    public boolean valid() {
        return verdict instanceof Verdict.Valid;
    }

    /** The quoted PCR selection, or null for anything but a parsed quote. */
    public TpmlPcrSelection pcrSelection() {
        return attest != null && attest.attested() instanceof dev.tpm2j.core.types.TpmuAttest.QuoteInfo q
                ? q.pcrSelect() : null;
    }
}

package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmsClockInfo;

/**
 * What the verifier expects of an attestation besides a good signature. Each check runs when its expectation is
 * given (null = not checked, reported as {@link Check.NotChecked}). A verifier always passes its fresh nonce: without
 * one a recorded attestation can be replayed; null is only for offline inspection of a file.
 *
 * @param nonce the verifier's fresh nonce, which must equal extraData (null: not checked)
 * @param qualifiedSigner the AK's qualified name, or null
 * @param previousClock clock info of an earlier attestation by the same AK, or null
 * @param pcrValues PCR values the quote must cover, or null (quotes only)
 * @param certifiedName the name of the object a certify must attest, or null (certify only)
 */
public record Expectations(Bytes nonce, Bytes qualifiedSigner, TpmsClockInfo previousClock, PcrValues pcrValues,
                           Bytes certifiedName) {
    /** Only the nonce is checked. */
    public static Expectations nonce(Bytes nonce) {
        return new Expectations(nonce, null, null, null, null);
    }

    /** A copy that also checks the quoted PCR digest against these values. */
    public Expectations withPcrValues(PcrValues values) {
        return new Expectations(nonce, qualifiedSigner, previousClock, values, certifiedName);
    }

    /** A copy that also checks qualifiedSigner. */
    public Expectations withQualifiedSigner(Bytes signer) {
        return new Expectations(nonce, signer, previousClock, pcrValues, certifiedName);
    }

    /** A copy that also checks the clock did not go back since {@code earlier}. */
    public Expectations withPreviousClock(TpmsClockInfo earlier) {
        return new Expectations(nonce, qualifiedSigner, earlier, pcrValues, certifiedName);
    }

    /** A copy that also checks a certify attests the object with this name. */
    public Expectations withCertifiedName(Bytes name) {
        return new Expectations(nonce, qualifiedSigner, previousClock, pcrValues, name);
    }
}

package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsClockInfo;

/**
 * What the verifier expects of an attestation besides a good signature. Each check runs when its expectation is
 * given (null = not checked, reported as {@link Check.NotChecked}). A verifier always passes its fresh nonce: without
 * one a recorded attestation can be replayed, so a missing nonce makes the verdict {@link Verdict.NonceNotChecked}
 * unless the caller waives it explicitly with {@link #withoutNonce()} (offline inspection of a file).
 *
 * @param nonce the verifier's fresh nonce, which must equal extraData (null: not checked, see {@code nonceWaived})
 * @param qualifiedSigner the AK's qualified name, or null
 * @param previousClock clock info of an earlier attestation by the same AK, or null
 * @param pcrValues PCR values the quote must cover exactly (each one must be in the quote's selection), or null
 *        (quotes only)
 * @param certifiedName the name of the object a certify must attest, or null (certify only)
 * @param requiredPcrs PCRs the quote's selection must include, or null (quotes only)
 * @param nonceWaived true when the caller knowingly verifies without a nonce (the attestation may be a replay)
 */
public record Expectations(Bytes nonce, Bytes qualifiedSigner, TpmsClockInfo previousClock, PcrValues pcrValues,
                           Bytes certifiedName, TpmlPcrSelection requiredPcrs, boolean nonceWaived) {
    /** Without a required selection; a null nonce is not waived (the verdict is then never valid). */
    public Expectations(Bytes nonce, Bytes qualifiedSigner, TpmsClockInfo previousClock, PcrValues pcrValues,
                        Bytes certifiedName) {
        this(nonce, qualifiedSigner, previousClock, pcrValues, certifiedName, null, false);
    }

    /** Only the nonce is checked. */
    public static Expectations nonce(Bytes nonce) {
        return new Expectations(nonce, null, null, null, null);
    }

    /**
     * No nonce, knowingly: for inspecting a recorded attestation offline. The verdict can be valid, but nothing shows
     * the attestation is fresh.
     */
    public static Expectations withoutNonce() {
        return new Expectations(null, null, null, null, null, null, true);
    }

    /** A copy that also checks the quoted PCR digest against these values, which the quote must all cover. */
    public Expectations withPcrValues(PcrValues values) {
        return new Expectations(nonce, qualifiedSigner, previousClock, values, certifiedName, requiredPcrs,
                nonceWaived);
    }

    /** A copy that also checks qualifiedSigner. */
    public Expectations withQualifiedSigner(Bytes signer) {
        return new Expectations(nonce, signer, previousClock, pcrValues, certifiedName, requiredPcrs, nonceWaived);
    }

    /** A copy that also checks the clock did not go back since {@code earlier}. */
    public Expectations withPreviousClock(TpmsClockInfo earlier) {
        return new Expectations(nonce, qualifiedSigner, earlier, pcrValues, certifiedName, requiredPcrs,
                nonceWaived);
    }

    /** A copy that also checks a certify attests the object with this name. */
    public Expectations withCertifiedName(Bytes name) {
        return new Expectations(nonce, qualifiedSigner, previousClock, pcrValues, name, requiredPcrs, nonceWaived);
    }

    /** A copy that also requires the quote's selection to include every PCR of {@code required}. */
    public Expectations withRequiredPcrs(TpmlPcrSelection required) {
        return new Expectations(nonce, qualifiedSigner, previousClock, pcrValues, certifiedName, required,
                nonceWaived);
    }
}

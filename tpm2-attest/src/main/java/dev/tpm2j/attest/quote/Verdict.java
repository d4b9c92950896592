package dev.tpm2j.attest.quote;

import dev.tpm2j.attest.PcrValues;

/**
 * The outcome of verifying a signed attestation (quote or certify): {@link Valid}, or the first check that failed.
 * Each failure is its own type, so a caller can tell a forged signature from a stale nonce.
 */
public sealed interface Verdict {
    /** A stable short name for scripts (e.g. {@code bad-signature}). */
    String code();

    /** Every check that was asked for passed. */
    record Valid() implements Verdict {
        @Override
        public String code() {
            return "valid";
        }
    }

    /** The message or the signature does not decode as TPMS_ATTEST / TPMT_SIGNATURE. */
    record Malformed(String why) implements Verdict {
        @Override
        public String code() {
            return "malformed";
        }
    }

    /** The signature's algorithm or hash is not the AK's scheme (or cannot be used with the AK's key type). */
    record SchemeMismatch(String why) implements Verdict {
        @Override
        public String code() {
            return "scheme-mismatch";
        }
    }

    /** The signature does not verify with the AK over the exact message bytes. */
    record BadSignature(String why) implements Verdict {
        @Override
        public String code() {
            return "bad-signature";
        }
    }

    /** The magic is not TPM_GENERATED_VALUE (0xFF544347): the TPM did not produce this structure. */
    record NotTpmGenerated(int magic) implements Verdict {
        @Override
        public String code() {
            return "not-tpm-generated";
        }
    }

    /** The attestation is of another type than the one asked for (e.g. a certify presented as a quote). */
    record WrongType(int expected, int actual) implements Verdict {
        @Override
        public String code() {
            return "wrong-type";
        }
    }

    /** extraData is not the verifier's nonce (a replay, or a quote made for someone else). */
    record NonceMismatch() implements Verdict {
        @Override
        public String code() {
            return "nonce-mismatch";
        }
    }

    /** qualifiedSigner is not the expected AK name. */
    record SignerMismatch() implements Verdict {
        @Override
        public String code() {
            return "signer-mismatch";
        }
    }

    /** The TPM clock went back compared with an earlier attestation from the same TPM. */
    record ClockNotMonotonic(String why) implements Verdict {
        @Override
        public String code() {
            return "clock-not-monotonic";
        }
    }

    /** A PCR the quote selects has no value in the values supplied. */
    record PcrValuesMissing(PcrValues.PcrId pcr) implements Verdict {
        @Override
        public String code() {
            return "pcr-values-missing";
        }
    }

    /** The digest of the supplied PCR values (in selection order) is not the quote's pcrDigest. */
    record PcrDigestMismatch(String why) implements Verdict {
        @Override
        public String code() {
            return "pcr-digest-mismatch";
        }
    }

    /** A certify attests another object than the one expected (its name differs). */
    record CertifiedNameMismatch() implements Verdict {
        @Override
        public String code() {
            return "certified-name-mismatch";
        }
    }

    /** The key's public area shows it is not an attestation key (restricted, sign, not decrypt, fixedTPM,
     *  fixedParent): a key that can sign any digest can sign a forged TPMS_ATTEST; why. */
    record NotAnAttestationKey(String why) implements Verdict {
        @Override
        public String code() {
            return "not-an-attestation-key";
        }
    }

    /** No nonce was given and none was waived ({@link Expectations#withoutNonce()}): the quote may be a replay. */
    record NonceNotChecked() implements Verdict {
        @Override
        public String code() {
            return "nonce-not-checked";
        }
    }

    /** A PCR value was supplied that the quote does not select: the quote does not vouch for it. */
    record PcrNotQuoted(PcrValues.PcrId pcr) implements Verdict {
        @Override
        public String code() {
            return "pcr-not-quoted";
        }
    }

    /** The quote's selection lacks PCRs the verifier requires ({@link Expectations#requiredPcrs()}). */
    record SelectionNotCovered(java.util.List<PcrValues.PcrId> missing) implements Verdict {
        /** Copies the list. */
        public SelectionNotCovered {
            missing = java.util.List.copyOf(missing);
        }

        @Override
        public String code() {
            return "selection-not-covered";
        }
    }
}

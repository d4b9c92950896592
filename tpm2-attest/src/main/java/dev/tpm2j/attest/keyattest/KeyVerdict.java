package dev.tpm2j.attest.keyattest;

import dev.tpm2j.attest.quote.Verdict;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;

/** The outcome of key attestation: the key is proven to live in the AK's TPM with the required attributes, or why not. */
public sealed interface KeyVerdict {
    /** The certify verified and the key has the attributes a CA requires; its public area and name. */
    record Attested(TpmtPublic key, Bytes name) implements KeyVerdict {
    }

    /** The TPM2_Certify result did not verify (bad signature, wrong nonce, another key's name, …). */
    record CertifyRefused(Verdict verdict) implements KeyVerdict {
    }

    /** The certify is good but the key is not one a CA may certify (e.g. not fixedTPM); why. */
    record KeyRefused(String why) implements KeyVerdict {
    }
}

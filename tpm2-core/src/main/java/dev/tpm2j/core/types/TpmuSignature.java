package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;

/** TPMU_SIGNATURE (Part 2 §11.3.4): RSA, ECC or HMAC signature bodies, or nothing for TPM_ALG_NULL. */
public sealed interface TpmuSignature extends TpmMarshallable
        permits TpmsSignatureRsa, TpmsSignatureEcc, TpmtHa, TpmtSignature.NullSignature {
}

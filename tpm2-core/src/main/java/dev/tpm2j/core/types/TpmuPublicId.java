package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;

/**
 * TPMU_PUBLIC_ID (Part 2 §12.2.3.2): the unique field of a public area — an RSA modulus, an ECC point, or a digest
 * for keyed-hash and symmetric objects.
 */
public sealed interface TpmuPublicId extends TpmMarshallable permits Tpm2bPublicKeyRsa, TpmsEccPoint, Tpm2bDigest {
}

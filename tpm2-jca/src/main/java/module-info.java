/**
 * tpm2j JCA provider: the {@code TPM2J} {@link java.security.Provider}, whose private keys are created in and never
 * leave the TPM (KeyPairGenerator, Signature, KeyStore "TPM2", KeyAgreement ECDH, Cipher RSA decryption).
 */
module dev.tpm2j.jca {
    requires transitive dev.tpm2j.core;
    requires transitive dev.tpm2j.attest;
    requires dev.tpm2j.transport;
    exports dev.tpm2j.jca;

    provides java.security.Provider with dev.tpm2j.jca.Tpm2jProvider;
}

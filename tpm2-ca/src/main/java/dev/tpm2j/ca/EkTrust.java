package dev.tpm2j.ca;

/**
 * How the key attestation CA trusted the TPM's EK, and the issuance-policy OID that says so in the certificates it
 * issues (MS-WCCE key attestation).
 */
public sealed interface EkTrust {
    /** The issuance-policy OID for this kind of trust. */
    String issuancePolicy();

    /** The EK certificate chains to a trusted TPM root: EKVERIFYCERT, 1.3.6.1.4.1.311.21.31. */
    record ChainedCertificate(String verdict) implements EkTrust {
        @Override
        public String issuancePolicy() {
            return "1.3.6.1.4.1.311.21.31";
        }
    }

    /** The EK public key is on the CA's allow list: EKVERIFYKEY, 1.3.6.1.4.1.311.21.30. */
    record AllowListedKey() implements EkTrust {
        @Override
        public String issuancePolicy() {
            return "1.3.6.1.4.1.311.21.30";
        }
    }
}

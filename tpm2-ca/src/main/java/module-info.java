/**
 * tpm2j CA: the verifier side of enrollment. {@code AttestationCa} issues AIK certificates after a MakeCredential
 * challenge bound to a trusted EK; {@code KeyAttestationCa} certifies TPM keys attested by such an AK. Both run one
 * challenge flow (bounded, expiring, per-EK quotas) and the same EK and AK key policies.
 */
module dev.tpm2j.ca {
    requires transitive dev.tpm2j.core;
    requires transitive dev.tpm2j.ek;
    requires transitive dev.tpm2j.attest;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    exports dev.tpm2j.ca;
}

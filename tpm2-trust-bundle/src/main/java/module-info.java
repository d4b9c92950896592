/** The shipped TPM trust bundle: TPM manufacturer CA certificates with provenance, and a JDK-only loader. */
module dev.tpm2j.trustbundle {
    exports dev.tpm2j.trustbundle;
}

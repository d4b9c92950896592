/** tpm2j transports: how bytes reach a TPM. */
module dev.tpm2j.transport {
    requires transitive dev.tpm2j.core;
    exports dev.tpm2j.transport;
}

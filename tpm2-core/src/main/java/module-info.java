/** tpm2j core: TPM 2.0 marshalling, structures, commands, response codes, sessions, names, KDFs. JDK only. */
module dev.tpm2j.core {
    exports dev.tpm2j.core;
    exports dev.tpm2j.core.marshal;
    exports dev.tpm2j.core.types;
    exports dev.tpm2j.core.commands;
    exports dev.tpm2j.core.session;
    exports dev.tpm2j.core.crypto;
    exports dev.tpm2j.core.templates;

    uses dev.tpm2j.core.TpmTransportProvider;
}

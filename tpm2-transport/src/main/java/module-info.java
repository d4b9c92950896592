/** tpm2j transports: how bytes reach a TPM (swtpm, mssim, Linux device, Windows TBS). */
module dev.tpm2j.transport {
    requires transitive dev.tpm2j.core;
    requires static com.sun.jna;
    exports dev.tpm2j.transport;

    provides dev.tpm2j.core.TpmTransportProvider with
            dev.tpm2j.transport.TransportProviders.Swtpm,
            dev.tpm2j.transport.TransportProviders.Mssim,
            dev.tpm2j.transport.TransportProviders.Device,
            dev.tpm2j.transport.TransportProviders.Tbs;
}

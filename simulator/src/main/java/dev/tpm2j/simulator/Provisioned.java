package dev.tpm2j.simulator;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What a provisioning profile put into the simulator and what stays outside it: the generated root, the off-chip
 * intermediates (a trust bundle would carry these), the on-chip CAs written to the NV chain indices, the EK
 * certificates by NV index, and PEM exports of the root and intermediates.
 *
 * @param root            the generated root CA (null for {@link Profile#BARE})
 * @param offChip         intermediates not stored on the TPM, issuer-first (root's child first)
 * @param onChip          CA certificates written into 0x01C00100…, in the order written
 * @param chainIndices    the NV indices holding the on-chip chain
 * @param ekCertificates  EK certificates by NV index
 * @param rootPem         file with the root certificate in PEM (null for BARE)
 * @param intermediatesPem file with the off-chip intermediates in PEM (null for BARE)
 */
public record Provisioned(Profile profile, X509Certificate root, List<X509Certificate> offChip,
                          List<X509Certificate> onChip, List<Integer> chainIndices,
                          Map<Integer, X509Certificate> ekCertificates, Path rootPem, Path intermediatesPem) {
    /** Copies the lists and map so the record is immutable. */
    public Provisioned {
        offChip = List.copyOf(offChip);
        onChip = List.copyOf(onChip);
        chainIndices = List.copyOf(chainIndices);
        ekCertificates = Map.copyOf(ekCertificates);
    }
}

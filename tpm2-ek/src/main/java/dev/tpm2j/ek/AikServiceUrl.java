package dev.tpm2j.ek;

import java.util.List;
import java.util.Locale;

/**
 * The Microsoft AIK service address Windows uses for Autopilot and device attestation,
 * {@code https://{vendor}-keyid-{hex}.microsoftaik.azure.net/templates/Aik/scep}, computed from the right key id —
 * the AKI of the topmost certificate stored on the TPM, i.e. the key id of the first CA that is not on the device —
 * next to the naive one (the EK certificate's own AKI). On Intel on-die CA TPMs (11th gen+) they differ, and the
 * naive address does not exist.
 *
 * @param url         the address built from the right key id
 * @param naiveUrl    the address built from the EK certificate's AKI
 * @param vendor      the lower-case TCG vendor id (intc, ifx, ntc, amd, stm, …)
 * @param keyId       hex of the right key id
 * @param naiveKeyId  hex of the EK certificate's AKI
 * @param explanation one sentence saying where the key id came from and whether the two differ
 */
public record AikServiceUrl(String url, String naiveUrl, String vendor, String keyId, String naiveKeyId,
                            String explanation) {

    /** Whether the right URL differs from the naive one. */
    public boolean differs() {
        return !url.equals(naiveUrl);
    }

    static String address(String vendor, String keyIdHex) {
        return "https://" + vendor + "-keyid-" + keyIdHex + ".microsoftaik.azure.net/templates/Aik/scep";
    }

    /**
     * Normalizes a TCG vendor id ("INTC", "IFX\0", "STM ") to the lower-case host label ("intc", "ifx", "stm").
     *
     * @throws AikServiceUrlException when the result is not one to eight letters or digits (a device-supplied
     *                                string never becomes part of a host name unchecked)
     */
    public static String vendorLabel(String manufacturer) {
        String label = manufacturer.replace("\0", "").strip().toLowerCase(Locale.ROOT);
        if (!label.matches("[a-z0-9]{1,8}")) {
            throw new AikServiceUrlException("the TPM vendor id '" + printable(manufacturer)
                    + "' is not a valid host label (1 to 8 letters or digits)");
        }
        return label;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            if (sb.length() > 40) {
                return sb + "…";
            }
        }
        return sb.toString();
    }

    /**
     * Computes both addresses for a trusted chain, from its links alone.
     *
     * @param vendor the TPM's manufacturer (TPM_PT_MANUFACTURER), or null to take it from the EK certificate's SAN
     * @throws AikServiceUrlException when the chain is not trusted or lacks what the address is built from
     */
    public static AikServiceUrl forTrustedChain(String vendor, EkChain.Result result) {
        return forTrustedChain(vendor, result, List.of());
    }

    /**
     * Computes both addresses for a trusted chain. {@code onTpm} are the certificates the TPM's platform stored in
     * NV ({@link EkInventory#aikServiceUrl} passes them): the walk up from the EK certificate continues through them
     * by issuer name and signature past the verified path, so a device CA that the verifier happens to trust as an
     * anchor does not change the key id — the address depends on what the TPM stores, not on the trust store.
     *
     * @param vendor the TPM's manufacturer (TPM_PT_MANUFACTURER), or null to take it from the EK certificate's SAN
     * @param onTpm  certificates from NV indices only the platform can write (others are ignored)
     * @throws AikServiceUrlException when the chain is not trusted, the EK certificate lies in an index the owner
     *                                could have written, or a key identifier is missing
     */
    public static AikServiceUrl forTrustedChain(String vendor, EkChain.Result result, List<EkChain.Sourced> onTpm) {
        if (!result.trusted()) {
            throw new AikServiceUrlException("no AIK service address for an untrusted EK chain (" + result.verdict()
                    + ")");
        }
        return compute(vendor, result.chain(), onTpm);
    }

    /**
     * Computes both addresses from a chain as built (trusted or not: {@link #forTrustedChain} is what a service
     * uses). Only certificates from NV indices that the platform created and only the platform can write (locked
     * or not, as real TPMs report them) count as stored on the TPM.
     *
     * @param vendor the TPM's manufacturer (TPM_PT_MANUFACTURER), or null to take it from the EK certificate's SAN
     * @param chain  the chain from {@link EkChain.Result#chain()}: the EK certificate first, then its issuers
     * @throws AikServiceUrlException when a key identifier or the vendor id is missing or malformed
     */
    public static AikServiceUrl compute(String vendor, List<EkChain.Link> chain) {
        return compute(vendor, chain, List.of());
    }

    /** Most CA certificates followed past the verified path (the NV chain range holds 256 indices). */
    static final int MAX_ON_TPM_STEPS = 256;

    static AikServiceUrl compute(String vendor, List<EkChain.Link> chain, List<EkChain.Sourced> onTpm) {
        if (chain.isEmpty()) {
            throw new AikServiceUrlException("no EK certificate");
        }
        EkChain.Link leaf = chain.get(0);
        if (leaf.provenance().ownerWritable()) {
            throw new AikServiceUrlException("the EK certificate [" + leaf.source() + "] is in an NV index the owner "
                    + "created or can write: anyone with owner authorization could have put it there, so no AIK "
                    + "address is computed from it");
        }
        TpmCertificate ek = leaf.certificate();
        String v = vendor != null ? vendorLabel(vendor)
                : ek.tpm().flatMap(TpmCertificate.TpmIdentity::vendorId).map(AikServiceUrl::vendorLabel)
                .orElseThrow(() -> new AikServiceUrlException(
                        "no TPM manufacturer given and none in the EK certificate"));
        if (ek.authorityKeyId() == null) {
            throw new AikServiceUrlException("the EK certificate has no authority key identifier");
        }
        String naive = Hex.of(ek.authorityKeyId());
        int top = 0;
        for (int i = 1; i < chain.size() && chain.get(i).provenance().storedOnTpmByPlatform(); i++) {
            top = i;
        }
        TpmCertificate topmost = chain.get(top).certificate();
        String topSource = chain.get(top).source();
        boolean beyondPath = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i <= top; i++) {
            seen.add(chain.get(i).certificate().sha256());
        }
        for (int step = 0; step < MAX_ON_TPM_STEPS; step++) {
            EkChain.Sourced issuer = storedIssuer(topmost, onTpm, seen);
            if (issuer == null) {
                break;
            }
            topmost = issuer.certificate();
            topSource = issuer.source();
            seen.add(topmost.sha256());
            beyondPath = true;
        }
        byte[] right = topmost.authorityKeyId();
        if (right == null && !beyondPath && top + 1 < chain.size()) {
            right = chain.get(top + 1).certificate().subjectKeyId();
        }
        if (right == null) {
            throw new AikServiceUrlException("the topmost on-TPM certificate has no authority key identifier");
        }
        String keyId = Hex.of(right);
        String explanation;
        if (topmost == ek) {
            explanation = "no CA certificates are stored on the TPM, so the EK certificate's issuer key id is used";
        } else {
            explanation = "the topmost certificate stored on the TPM is '" + topmost.subject() + "' [" + topSource
                    + "]; its issuer is the first CA not on the device, key id " + keyId
                    + (keyId.equals(naive) ? "" : " — the naive address from the EK certificate's own issuer ("
                    + naive + ") names a device-unique CA and has no AIK service");
        }
        return new AikServiceUrl(address(v, keyId), address(v, naive), v, keyId, naive, explanation);
    }

    /** A platform-stored certificate not yet used that issued {@code child} (by name and signature), or null. */
    private static EkChain.Sourced storedIssuer(TpmCertificate child, List<EkChain.Sourced> onTpm,
                                                java.util.Set<String> seen) {
        for (EkChain.Sourced c : onTpm) {
            if (!c.provenance().storedOnTpmByPlatform() || seen.contains(c.certificate().sha256())
                    || !c.certificate().certificate().getSubjectX500Principal()
                    .equals(child.certificate().getIssuerX500Principal())) {
                continue;
            }
            try {
                child.certificate().verify(c.certificate().publicKey());
                return c;
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not this one
            }
        }
        return null;
    }
}

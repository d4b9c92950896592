package dev.tpm2j.ek;

import dev.tpm2j.trustbundle.TpmTrustBundle;
import java.util.ArrayList;
import java.util.List;

/**
 * The TPM trust roots tpm2j ships, ready for {@link EkChain} and {@link EkInventory#verifyChain}: the manufacturer
 * roots of {@code tpm2-trust-bundle} as anchors, its intermediate CAs as path material (never anchors), and the CAs it
 * leaves out on purpose (pre-production parts) as distrusted: no path may use them even when the device supplies
 * them. Add your
 * own with {@link TrustBundle#withAnchorsFrom} / {@link TrustBundle#withIntermediatesFrom}, or start from
 * {@link TrustBundle#empty()} to trust only your own.
 */
public final class TpmTrust {
    private static volatile TrustBundle defaults;

    private TpmTrust() {
    }

    /**
     * The shipped bundle as a {@link TrustBundle} (parsed once, then shared: it is immutable).
     *
     * @throws IllegalStateException when a shipped certificate does not parse (a broken build, never user input)
     */
    public static TrustBundle defaults() {
        TrustBundle b = defaults;
        if (b == null) {
            TpmTrustBundle t = TpmTrustBundle.shipped();
            b = TrustBundle.empty().withAnchors(parse(t.roots())).withIntermediates(parse(t.intermediates()))
                    .withDistrusted(parse(t.distrusted()));
            defaults = b;
        }
        return b;
    }

    /** The shipped bundle's dated version, e.g. {@code 2026.04.11-1}, for reports. */
    public static String version() {
        return TpmTrustBundle.shipped().version();
    }

    private static List<TpmCertificate> parse(List<TpmTrustBundle.Entry> entries) {
        List<TpmCertificate> out = new ArrayList<>();
        for (TpmTrustBundle.Entry e : entries) {
            try {
                out.add(TpmCertificates.parse(e.der()));
            } catch (CertificateParseException ex) {
                throw new IllegalStateException("the shipped trust bundle is damaged: " + e + ": " + ex.getMessage(),
                        ex);
            }
        }
        return out;
    }
}

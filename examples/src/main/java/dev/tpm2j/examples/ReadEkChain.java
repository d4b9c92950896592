package dev.tpm2j.examples;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.AikServiceUrlException;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmTrust;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.der.CertificateStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Example: read the on-TPM EK certificate chain (NV 0x01C00100 and following), print each certificate, and verify
 * the EK certificate's chain against the shipped TPM trust bundle ({@link TpmTrust#defaults()}) plus any anchors and
 * intermediates given on the command line.
 * <pre>
 * java -p &lt;tpm2j jars&gt; -m dev.tpm2j.examples/dev.tpm2j.examples.ReadEkChain [TPM-SPEC] [ANCHORS [INTERMEDIATES]]
 * </pre>
 */
public final class ReadEkChain {
    private ReadEkChain() {
    }

    /** Reads the chain from the TPM the arguments name and prints it. */
    public static void main(String[] args) throws Exception {
        String spec = args.length > 0 ? args[0] : null;
        try (Tpm tpm = spec != null ? Tpm.open(spec) : Tpm.open()) {
            System.out.println(run(tpm, args.length > 1 ? Path.of(args[1]) : null,
                    args.length > 2 ? Path.of(args[2]) : null));
        }
    }

    /** The report as text (separate from main so it can be tested). */
    public static String run(Tpm tpm, Path anchors, Path intermediates) throws Exception {
        StringBuilder out = new StringBuilder();
        EkInventory inventory = EkInventory.read(tpm);
        CertificateStream.Split split = inventory.chainSplit();
        out.append("NV chain: ").append(inventory.chainBytes().length).append(" bytes, ")
                .append(split.certificates().size()).append(" certificate(s)\n");
        for (EkChain.Sourced c : inventory.chainCertificates()) {
            TpmCertificate t = c.certificate();
            out.append("  ").append(c.source()).append("  ").append(t.subject()).append("  <-  ").append(t.issuer())
                    .append('\n');
        }
        TrustBundle trust = TpmTrust.defaults();
        out.append("trust: the shipped TPM trust bundle ").append(TpmTrust.version());
        if (anchors != null) {
            trust = trust.withAnchorsFrom(anchors);
            out.append(" + anchors from ").append(anchors);
        }
        if (intermediates != null) {
            trust = trust.withIntermediatesFrom(intermediates);
            out.append(" + intermediates from ").append(intermediates);
        }
        out.append('\n');
        var ek = inventory.primaryEkCertificate();
        if (ek.isEmpty()) {
            return out.append("no EK certificate in NV").toString();
        }
        EkChain.Result r = inventory.verifyChain(ek.get(), trust, List.of(), Instant.now(), null);
        out.append(r.verdict()).append('\n');
        try {
            out.append("AIK service: ").append(inventory.aikServiceUrl(r).url());
        } catch (AikServiceUrlException e) {
            out.append("none (").append(e.getMessage()).append(')');
        }
        return out.toString();
    }
}

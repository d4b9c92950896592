package dev.tpm2j.ek;

import dev.tpm2j.ek.EkInventory.Kind;
import dev.tpm2j.ek.EkInventory.NvIndex;
import dev.tpm2j.ek.der.CertificateStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The EK chain read from NV 0x01C00100–0x01C001FF for {@link EkInventory}: the present chain indices concatenated in
 * ascending order, split into certificates (fill between certificates skipped, overflow into the next index joined,
 * damage reported and reading resumed at the next index), each certificate with the source and provenance of the
 * indices its bytes came from.
 *
 * @param bytes        the concatenation
 * @param split        how it split
 * @param certificates the certificates that parsed, with source and provenance
 */
record NvChain(byte[] bytes, CertificateStream.Split split, List<EkChain.Sourced> certificates) {
    /** Reads the chain from the inventory's indices, adding what went wrong to {@code problems}. */
    static NvChain read(List<NvIndex> indices, List<String> problems) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        List<NvChainSpan> spans = new ArrayList<>();
        for (NvIndex i : indices) {
            if (i.kind() == Kind.EK_CHAIN) {
                if (i.data() == null) {
                    problems.add("chain index " + i.handle() + " could not be read: " + i.readProblem().orElse("?"));
                    continue;
                }
                spans.add(new NvChainSpan(i, chain.size(), i.data().length));
                chain.writeBytes(i.data());
            }
        }
        byte[] chainBytes = chain.toByteArray();
        CertificateStream.Split split = CertificateStream.split(chainBytes,
                spans.stream().mapToInt(NvChainSpan::offset).toArray());
        List<EkChain.Sourced> chainCerts = new ArrayList<>();
        for (CertificateStream.Found f : split.found()) {
            int offset = f.offset();
            int end = offset + f.der().length;
            String source = NvIndexReader.source(spans, offset, end);
            Provenance provenance = NvIndexReader.provenance(spans, offset, end);
            try {
                chainCerts.add(new EkChain.Sourced(TpmCertificates.parse(f.der()), source, provenance));
            } catch (CertificateParseException e) {
                problems.add("certificate at offset " + offset + " of the NV chain (" + source + ") does not parse: "
                        + e.getMessage());
            }
        }
        for (CertificateStream.Gap g : split.damage()) {
            problems.add("NV chain: " + g.length() + " bytes at offset " + g.offset() + " ("
                    + NvIndexReader.source(spans, g.offset(), g.offset() + g.length()) + ") are not certificates ("
                    + g.kind() + ")");
        }

        return new NvChain(chainBytes, split, List.copyOf(chainCerts));
    }
}

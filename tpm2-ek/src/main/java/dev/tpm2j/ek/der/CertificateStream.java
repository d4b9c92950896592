package dev.tpm2j.ek.der;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits concatenated certificates (the EK chain indices 0x01C00100–0x01C001FF read in ascending order and joined)
 * into DER SEQUENCEs. It never throws for bad input and never drops a complete certificate that precedes damage.
 *
 * <p>The rule, applied left to right at each position between certificates:
 * <ol>
 *   <li>a byte {@code 0x30} starts a certificate, whose DER length decides where it ends — also when that is past
 *       the end of the index it starts in (TCG EK Credential Profile: a certificate may overflow into the next
 *       index, so overflow is joined);</li>
 *   <li>a run of {@code 0x00} or of {@code 0xFF} bytes is fill and is skipped, wherever it lies (after the last
 *       certificate of an index, a whole unused index, between certificates). No certificate starts with either
 *       byte, and fill is looked for only between certificates, never inside one;</li>
 *   <li>anything else — another byte, a SEQUENCE that is not shaped like a certificate, a length that runs past
 *       the end of the data — is damage: it is reported as a {@link Gap}, and reading resumes at the start of the
 *       next index after the one the damage starts in (a certificate never starts inside damage, but the next
 *       index may start a fresh one). Without index boundaries ({@link #split(byte[])}) reading stops there.</li>
 * </ol>
 * Every certificate found is only path material: it is trusted for nothing until a path check verifies it.
 */
public final class CertificateStream {
    private CertificateStream() {
    }

    /** A certificate found at {@code offset} of the input. */
    public record Found(int offset, byte[] der) {
    }

    /**
     * Bytes that are not certificates: {@code length} bytes at {@code offset}, of {@code kind} ("fill bytes 0x00",
     * "fill bytes 0xff", or what the damage is).
     */
    public record Gap(int offset, int length, String kind) {
        /** Whether these bytes are fill (expected padding), not damage. */
        public boolean fill() {
            return kind.startsWith("fill");
        }
    }

    /** The certificates found, in input order, and the gaps between them; {@code length} is the input's length. */
    public record Split(List<Found> found, List<Gap> gaps, int length) {
        /** Copies the lists. */
        public Split {
            found = List.copyOf(found);
            gaps = List.copyOf(gaps);
        }

        /** The certificates' DER encodings, in input order. */
        public List<byte[]> certificates() {
            return found.stream().map(Found::der).toList();
        }

        /** Every gap that is damage, not fill. */
        public List<Gap> damage() {
            return gaps.stream().filter(g -> !g.fill()).toList();
        }

        /** Whether every byte is part of a certificate or fill. */
        public boolean clean() {
            return gaps.stream().allMatch(Gap::fill);
        }

        /**
         * What was left unused: the first damage, else fill that runs to the end of the input, else an empty gap
         * at the end ("none").
         */
        public Gap leftover() {
            for (Gap g : gaps) {
                if (!g.fill()) {
                    return g;
                }
            }
            if (!gaps.isEmpty()) {
                Gap last = gaps.get(gaps.size() - 1);
                if (last.offset() + last.length() == length) {
                    return last;
                }
            }
            return new Gap(length, 0, "none");
        }

        /** Where {@link #leftover()} starts. */
        public int leftoverOffset() {
            return leftover().offset();
        }

        /** How long {@link #leftover()} is. */
        public int leftoverLength() {
            return leftover().length();
        }

        /** What {@link #leftover()} is. */
        public String leftoverKind() {
            return leftover().kind();
        }
    }

    /** Splits {@code bytes} as one stream of DER certificates (no index boundaries: reading stops at damage). */
    public static Split split(byte[] bytes) {
        return split(bytes, new int[] {0});
    }

    /**
     * Splits the concatenation of NV indices; {@code indexStarts} are the offsets where each index's bytes begin,
     * ascending, within {@code [0, bytes.length]}.
     *
     * @throws IllegalArgumentException when {@code indexStarts} is not ascending or lies outside the input
     */
    public static Split split(byte[] bytes, int[] indexStarts) {
        for (int i = 0; i < indexStarts.length; i++) {
            if (indexStarts[i] < 0 || indexStarts[i] > bytes.length || (i > 0 && indexStarts[i] < indexStarts[i - 1])) {
                throw new IllegalArgumentException("index starts must ascend within the input");
            }
        }
        List<Found> found = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            int b = bytes[pos] & 0xFF;
            if (b == 0x00 || b == 0xFF) {
                int end = pos;
                while (end < bytes.length && bytes[end] == bytes[pos]) {
                    end++;
                }
                gaps.add(new Gap(pos, end - pos, String.format("fill bytes 0x%02x", b)));
                pos = end;
                continue;
            }
            String damage;
            if (b != Tlv.SEQUENCE) {
                damage = String.format("unexpected byte 0x%02x", b);
            } else {
                try {
                    Tlv cert = new DerReader(bytes, pos, bytes.length).next();
                    if (looksLikeCertificate(cert)) {
                        found.add(new Found(pos, cert.encoded()));
                        pos = cert.end();
                        continue;
                    }
                    damage = "a SEQUENCE that is not a certificate";
                } catch (DerException e) {
                    damage = "truncated or malformed certificate (" + e.getMessage() + ")";
                }
            }
            int resume = nextStart(indexStarts, pos, bytes.length);
            gaps.add(new Gap(pos, resume - pos, damage));
            pos = resume;
        }
        return new Split(found, gaps, bytes.length);
    }

    /** The first index start after {@code pos}, or {@code end} when {@code pos} lies in the last index. */
    private static int nextStart(int[] starts, int pos, int end) {
        for (int s : starts) {
            if (s > pos) {
                return s;
            }
        }
        return end;
    }

    /** A certificate is SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING signature } and nothing else. */
    static boolean looksLikeCertificate(Tlv t) {
        try {
            DerReader c = t.children();
            c.next(Tlv.SEQUENCE, "tbsCertificate");
            c.next(Tlv.SEQUENCE, "signatureAlgorithm");
            c.next(Tlv.BIT_STRING, "signatureValue");
            return !c.hasRemaining();
        } catch (DerException e) {
            return false;
        }
    }
}

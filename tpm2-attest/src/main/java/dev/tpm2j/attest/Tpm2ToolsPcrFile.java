package dev.tpm2j.attest;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The PCR files tpm2-tools writes with {@code -o} ({@code tpm2_quote}, {@code tpm2_pcrread}): a PCR selection, then
 * the PCR_Read results as TPML_DIGEST lists whose digests, taken in order, are the selected PCRs in selection order
 * (bank by bank, ascending index). Two encodings:
 * <ul>
 *   <li>{@code -F serialized} (tpm2_quote's default): the C structures copied out little-endian, fixed size —
 *       TPML_PCR_SELECTION (UINT32 count, 16 × TPMS_PCR_SELECTION of UINT16 hash, UINT8 sizeofSelect, 4 select bytes,
 *       one pad byte: 132 bytes), UINT32 count of TPML_DIGEST, then per list UINT32 count and 8 × TPM2B_DIGEST
 *       (UINT16 size, 64 buffer bytes): 532 bytes. Unused slots and padding are ignored.</li>
 *   <li>{@code -F marshaled} (tpm2-tools 5.5 and later): the same fields TPM-marshaled (big-endian, sized).</li>
 * </ul>
 * Every count and size is checked against its structure's maximum and the bytes present before it is used.
 */
final class Tpm2ToolsPcrFile {
    static final int MAX_BANKS = 16;
    static final int SELECT_MAX = 4;
    static final int MAX_LISTS = 32;
    static final int DIGESTS_PER_LIST = 8;
    static final int DIGEST_MAX = 64;
    static final int SERIAL_SELECTION = 4 + MAX_BANKS * 8;
    static final int SERIAL_LIST = 4 + DIGESTS_PER_LIST * (2 + DIGEST_MAX);
    static final int SERIAL_HEADER = SERIAL_SELECTION + 4;

    private Tpm2ToolsPcrFile() {
    }

    /** A selection entry: bank and the select bitmap. */
    private record Selection(int hashAlg, byte[] select) {
    }

    /** Whether {@code b} has the size and counts of a serialized file (checked fully by {@link #serialized}). */
    static boolean looksSerialized(byte[] b) {
        return b.length >= SERIAL_HEADER && (b.length - SERIAL_HEADER) % SERIAL_LIST == 0
                && le32(b, 0) <= MAX_BANKS && le32(b, SERIAL_SELECTION) == (b.length - SERIAL_HEADER) / SERIAL_LIST;
    }

    /** Whether {@code b} parses as a marshaled file. */
    static boolean looksMarshaled(byte[] b) {
        try {
            marshaled(b);
            return true;
        } catch (PcrValuesFormatException e) {
            return false;
        }
    }

    /** Reads {@code -F serialized}. */
    static PcrValues serialized(byte[] b) {
        PcrValuesFile.Format f = PcrValuesFile.Format.TPM2_TOOLS_SERIALIZED;
        if (!looksSerialized(b)) {
            throw new PcrValuesFormatException(f, 0, b.length + " bytes do not hold a " + SERIAL_SELECTION
                    + "-byte selection, a list count and that many " + SERIAL_LIST + "-byte digest lists");
        }
        int banks = (int) le32(b, 0);
        List<Selection> selections = new ArrayList<>();
        for (int i = 0; i < banks; i++) {
            int at = 4 + i * 8;
            int size = b[at + 2] & 0xFF;
            if (size > SELECT_MAX) {
                throw new PcrValuesFormatException(f, at + 2, "sizeofSelect " + size + " is over " + SELECT_MAX);
            }
            byte[] select = new byte[size];
            System.arraycopy(b, at + 3, select, 0, size);
            selections.add(new Selection(le16(b, at), select));
        }
        int lists = (int) le32(b, SERIAL_SELECTION);
        List<Bytes> digests = new ArrayList<>();
        for (int j = 0; j < lists; j++) {
            int base = SERIAL_HEADER + j * SERIAL_LIST;
            long count = le32(b, base);
            if (count > DIGESTS_PER_LIST) {
                throw new PcrValuesFormatException(f, base, "TPML_DIGEST count " + count + " is over "
                        + DIGESTS_PER_LIST);
            }
            for (int k = 0; k < count; k++) {
                int at = base + 4 + k * (2 + DIGEST_MAX);
                int size = le16(b, at);
                if (size > DIGEST_MAX) {
                    throw new PcrValuesFormatException(f, at, "digest size " + size + " is over " + DIGEST_MAX);
                }
                digests.add(Bytes.of(b, at + 2, size));
            }
        }
        return assign(f, selections, digests);
    }

    /** Reads {@code -F marshaled}: every byte must belong to the structures. */
    static PcrValues marshaled(byte[] b) {
        PcrValuesFile.Format f = PcrValuesFile.Format.TPM2_TOOLS_MARSHALED;
        Cursor c = new Cursor(b, f);
        long banks = c.u32();
        if (banks > MAX_BANKS) {
            throw new PcrValuesFormatException(f, 0, "TPML_PCR_SELECTION count " + banks + " is over " + MAX_BANKS);
        }
        List<Selection> selections = new ArrayList<>();
        for (int i = 0; i < banks; i++) {
            int hash = c.u16();
            int size = c.u8();
            if (size > SELECT_MAX) {
                throw new PcrValuesFormatException(f, c.pos - 1, "sizeofSelect " + size + " is over " + SELECT_MAX);
            }
            selections.add(new Selection(hash, c.bytes(size)));
        }
        int listsAt = c.pos;
        long lists = c.u32();
        if (lists > MAX_LISTS) {
            throw new PcrValuesFormatException(f, listsAt, "TPML_DIGEST list count " + lists + " is over "
                    + MAX_LISTS);
        }
        List<Bytes> digests = new ArrayList<>();
        for (int j = 0; j < lists; j++) {
            int at = c.pos;
            long count = c.u32();
            if (count > DIGESTS_PER_LIST) {
                throw new PcrValuesFormatException(f, at, "TPML_DIGEST count " + count + " is over "
                        + DIGESTS_PER_LIST);
            }
            for (int k = 0; k < count; k++) {
                int sizeAt = c.pos;
                int size = c.u16();
                if (size > DIGEST_MAX) {
                    throw new PcrValuesFormatException(f, sizeAt, "digest size " + size + " is over " + DIGEST_MAX);
                }
                digests.add(Bytes.of(c.bytes(size)));
            }
        }
        if (c.pos != b.length) {
            throw new PcrValuesFormatException(f, c.pos, (b.length - c.pos) + " bytes after the digest lists");
        }
        return assign(f, selections, digests);
    }

    /** The digests, in order, to the selected PCRs, in selection order; counts and sizes must match exactly. */
    private static PcrValues assign(PcrValuesFile.Format f, List<Selection> selections, List<Bytes> digests) {
        Map<Integer, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        int next = 0;
        for (Selection s : selections) {
            int size = TpmAlgId.digestSize(s.hashAlg());
            if (size <= 0 || !HashBank.name(s.hashAlg()).startsWith("sha")) {
                throw new PcrValuesFormatException(f, 0, String.format("PCR bank 0x%04x is not sha1, sha256, sha384 "
                        + "or sha512", s.hashAlg()));
            }
            if (banks.containsKey(s.hashAlg())) {
                throw new PcrValuesFormatException(f, 0, "bank " + HashBank.name(s.hashAlg()) + " selected twice");
            }
            SortedMap<Integer, Bytes> values = new TreeMap<>();
            for (int pcr = 0; pcr < s.select().length * 8; pcr++) {
                if ((s.select()[pcr / 8] & (1 << (pcr % 8))) == 0) {
                    continue;
                }
                if (next >= digests.size()) {
                    throw new PcrValuesFormatException(f, 0, "the selection names more PCRs than the "
                            + digests.size() + " digests present");
                }
                Bytes d = digests.get(next++);
                if (d.size() != size) {
                    throw new PcrValuesFormatException(f, 0, HashBank.name(s.hashAlg()) + ":" + pcr + " has "
                            + d.size() + " bytes, the bank's digest has " + size);
                }
                values.put(pcr, d);
            }
            banks.put(s.hashAlg(), values);
        }
        if (next != digests.size()) {
            throw new PcrValuesFormatException(f, 0, digests.size() + " digests for " + next + " selected PCRs");
        }
        return new PcrValues(banks);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** Big-endian reads that fail with the offset when the bytes run out. */
    private static final class Cursor {
        private final byte[] b;
        private final PcrValuesFile.Format f;
        int pos;

        Cursor(byte[] b, PcrValuesFile.Format f) {
            this.b = b;
            this.f = f;
        }

        private void need(int n, String what) {
            if (n > b.length - pos) {
                throw new PcrValuesFormatException(f, pos, what + " needs " + n + " bytes, " + (b.length - pos)
                        + " remain");
            }
        }

        int u8() {
            need(1, "UINT8");
            return b[pos++] & 0xFF;
        }

        int u16() {
            need(2, "UINT16");
            int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32() {
            need(4, "UINT32");
            long v = (b[pos] & 0xFFL) << 24 | (b[pos + 1] & 0xFFL) << 16 | (b[pos + 2] & 0xFFL) << 8 | (b[pos + 3] & 0xFFL);
            pos += 4;
            return v;
        }

        byte[] bytes(int n) {
            need(n, n + " bytes");
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }
    }
}

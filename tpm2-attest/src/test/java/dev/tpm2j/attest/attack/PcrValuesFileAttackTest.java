package dev.tpm2j.attest.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.PcrValuesFile;
import dev.tpm2j.attest.PcrValuesFormatException;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.attest.quote.Verdict;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmuAttest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attack review of {@link PcrValuesFile} through the public API, against the real tpm2_quote of
 * testdata/tpm2-tools-pcr-files (sha256:0,1,7 + sha1:2, nonce 00112233): every crafted file must either be refused
 * or, when the quote verifies, carry exactly the values the TPM quoted under the labels it quoted them.
 */
class PcrValuesFileAttackTest {
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/tpm2-tools-pcr-files"))) {
                return p.resolve("testdata/tpm2-tools-pcr-files");
            }
        }
        throw new AssertionError("no testdata");
    }

    static byte[] file(String n) throws Exception {
        return Files.readAllBytes(dir().resolve(n));
    }

    static TpmlPcrSelection quoteSelection() throws Exception {
        return ((TpmuAttest.QuoteInfo) AttestationVerifier.parseAttest(file("q.msg")).attested()).pcrSelect();
    }

    static AttestationReport verify(PcrValues v) throws Exception {
        return AttestationVerifier.verifyQuote(AttestationKey.parse(file("ak.pub")), file("q.msg"), file("q.sig"),
                Expectations.nonce(Bytes.fromHex("00112233")).withPcrValues(v));
    }

    /** A tpm2-tools -F serialized file: selections (hash, bitmap), digests in lists of at most 8. */
    static byte[] serialized(List<Object[]> sels, List<byte[]> digests, int listCount) {
        byte[] b = new byte[136 + 532 * listCount];
        le32(b, 0, sels.size());
        for (int i = 0; i < sels.size(); i++) {
            int at = 4 + i * 8;
            le16(b, at, (Integer) sels.get(i)[0]);
            byte[] map = (byte[]) sels.get(i)[1];
            b[at + 2] = (byte) map.length;
            System.arraycopy(map, 0, b, at + 3, map.length);
        }
        le32(b, 132, listCount);
        for (int d = 0; d < digests.size(); d++) {
            int list = d / 8;
            int base = 136 + list * 532;
            le32(b, base, Math.min(8, digests.size() - list * 8));
            int at = base + 4 + (d % 8) * 66;
            le16(b, at, digests.get(d).length);
            System.arraycopy(digests.get(d), 0, b, at + 2, digests.get(d).length);
        }
        return b;
    }

    static void le32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static PcrValues real() throws Exception {
        return PcrValuesFile.read(file("q.pcrs.serialized"), null);
    }

    static byte[] v(int alg, int pcr) throws Exception {
        return real().value(alg, pcr).toByteArray();
    }

    static final byte[] SEL_017 = {(byte) 0x83, 0, 0};
    static final byte[] SEL_2 = {4, 0, 0};

    @Test
    void baselineTheRealFileVerifies() throws Exception {
        assertInstanceOf(Verdict.Valid.class, verify(real()).verdict());
        byte[] rebuilt = serialized(List.of(new Object[]{TpmAlgId.SHA256, SEL_017}, new Object[]{TpmAlgId.SHA1, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7), v(TpmAlgId.SHA1, 2)), 1);
        assertEquals(real(), PcrValuesFile.read(rebuilt, null), "the builder writes the real layout");
    }

    /** HELD: bank labels swapped (sha1 <-> sha256 over the same bitmaps and digests): sizes do not fit. */
    @Test
    void swappedBankLabelsAreRefused() throws Exception {
        byte[] f = serialized(List.of(new Object[]{TpmAlgId.SHA1, SEL_017}, new Object[]{TpmAlgId.SHA256, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7), v(TpmAlgId.SHA1, 2)), 1);
        assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read(f, null));
    }

    /** HELD: PCR 7's value relabelled PCR 6, or values permuted inside the bank: invalid. */
    @Test
    void relabelledOrPermutedPcrsAreInvalid() throws Exception {
        byte[] relabel = serialized(List.of(new Object[]{TpmAlgId.SHA256, new byte[]{0x43, 0, 0}},
                        new Object[]{TpmAlgId.SHA1, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7), v(TpmAlgId.SHA1, 2)), 1);
        assertFalse(verify(PcrValuesFile.read(relabel, null)).valid());
        byte[] permuted = serialized(List.of(new Object[]{TpmAlgId.SHA256, SEL_017}, new Object[]{TpmAlgId.SHA1, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 7), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA1, 2)), 1);
        assertInstanceOf(Verdict.PcrDigestMismatch.class, verify(PcrValuesFile.read(permuted, null)).verdict());
    }

    /** HELD: a file whose selection is wider than the quote's (extra sha256:2) is pcr-not-quoted. */
    @Test
    void extraUnquotedPcrIsRefused() throws Exception {
        byte[] f = serialized(List.of(new Object[]{TpmAlgId.SHA256, new byte[]{(byte) 0x87, 0, 0}},
                        new Object[]{TpmAlgId.SHA1, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), new byte[32], v(TpmAlgId.SHA256, 7),
                        v(TpmAlgId.SHA1, 2)), 1);
        assertInstanceOf(Verdict.PcrNotQuoted.class, verify(PcrValuesFile.read(f, null)).verdict());
        // and a narrower one (sha1:2 dropped) is pcr-values-missing
        byte[] g = serialized(List.<Object[]>of(new Object[]{TpmAlgId.SHA256, SEL_017}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7)), 1);
        assertInstanceOf(Verdict.PcrValuesMissing.class, verify(PcrValuesFile.read(g, null)).verdict());
    }

    /** HELD: the same bank twice (sha256 {0,1} then sha256 {7}) is refused, not merged or overwritten. */
    @Test
    void duplicateBankIsRefused() throws Exception {
        byte[] f = serialized(List.of(new Object[]{TpmAlgId.SHA256, new byte[]{3, 0, 0}},
                        new Object[]{TpmAlgId.SHA256, new byte[]{(byte) 0x80, 0, 0}}, new Object[]{TpmAlgId.SHA1, SEL_2}),
                List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7), v(TpmAlgId.SHA1, 2)), 1);
        assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read(f, null));
    }

    /** HELD: one trailing byte makes the serialized file raw values, which the quote's selection refuses by length. */
    @Test
    void trailingDataIsRefused() throws Exception {
        byte[] f = Arrays.copyOf(file("q.pcrs.serialized"), 669);
        assertEquals(PcrValuesFile.Format.VALUES, PcrValuesFile.detect(f));
        assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read(f, quoteSelection()));
        String json = PcrValuesFile.toJson(real());
        assertThrows(PcrValuesFormatException.class,
                () -> PcrValuesFile.read((json + "x").getBytes(StandardCharsets.UTF_8), quoteSelection()));
        assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read((json + "{}").getBytes(
                StandardCharsets.UTF_8), quoteSelection()));
    }

    /** Accepted, harmless: bytes hidden in unused selection slots, digest slots and padding are ignored. */
    @Test
    void hiddenBytesInUnusedSlotsAreIgnoredNotRead() throws Exception {
        byte[] f = file("q.pcrs.serialized").clone();
        Random r = new Random(1);
        byte[] garbage = new byte[f.length];
        r.nextBytes(garbage);
        // selection slots 2..15, pad bytes of slots 0..1, digest slots 4..7 and the unused tail of each digest
        for (int i = 4 + 2 * 8; i < 132; i++) {
            f[i] = garbage[i];
        }
        f[4 + 7] = garbage[11];
        f[12 + 7] = garbage[19];
        for (int i = 136 + 4 + 4 * 66; i < 668; i++) {
            f[i] = garbage[i];
        }
        assertEquals(real(), PcrValuesFile.read(f, null));
        assertInstanceOf(Verdict.Valid.class, verify(PcrValuesFile.read(f, null)).verdict());
    }

    /** HELD: JSON that names one PCR twice ("7" and "07", "SHA256" and "sha256") is refused. */
    @Test
    void jsonDuplicatesAreRefused() throws Exception {
        String h0 = real().value(TpmAlgId.SHA256, 0).toHex();
        String h7 = real().value(TpmAlgId.SHA256, 7).toHex();
        for (String doc : List.of(
                "{\"pcrs\":{\"sha256\":{\"7\":\"" + h7 + "\",\"07\":\"" + h0 + "\"}}}",
                "{\"pcrs\":{\"sha256\":{\"7\":\"" + h7 + "\"},\"SHA256\":{\"0\":\"" + h0 + "\"}}}",
                "{\"pcrs\":{\"sha256\":{\"7\":\"" + h7 + "\"}},\"pcrs\":{}}")) {
            assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read(doc.getBytes(StandardCharsets.UTF_8),
                    null), doc);
        }
    }

    /** Lenient but not wrong: non-ASCII digits are PCR indices (Integer.parseInt), "+7" too. Recorded, not asserted. */
    @Test
    void jsonIndexSpellings() throws Exception {
        String h7 = real().value(TpmAlgId.SHA256, 7).toHex();
        for (String key : List.of("\u0667", "+7", "-0")) {
            String doc = "{\"pcrs\":{\"sha256\":{\"" + key + "\":\"" + h7 + "\"}}}";
            String outcome;
            try {
                outcome = "accepted as " + PcrValuesFile.read(doc.getBytes(StandardCharsets.UTF_8), null);
            } catch (PcrValuesFormatException e) {
                outcome = "refused: " + e.getMessage();
            }
            System.out.println("[attack] index key '" + key + "' -> " + outcome);
        }
        assertTrue(true);
    }

    /** HELD: a marshaled copy verifies; with one trailing byte it is neither marshaled nor the quote's raw values. */
    @Test
    void marshaledTrailingByteIsRefused() throws Exception {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[]{0, 0, 0, 2, 0, 0x0b, 3, (byte) 0x83, 0, 0, 0, 0x04, 3, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4});
        for (byte[] d : List.of(v(TpmAlgId.SHA256, 0), v(TpmAlgId.SHA256, 1), v(TpmAlgId.SHA256, 7),
                v(TpmAlgId.SHA1, 2))) {
            m.write(d.length >> 8);
            m.write(d.length);
            m.writeBytes(d);
        }
        byte[] ok = m.toByteArray();
        assertEquals(PcrValuesFile.Format.TPM2_TOOLS_MARSHALED, PcrValuesFile.detect(ok));
        assertInstanceOf(Verdict.Valid.class, verify(PcrValuesFile.read(ok, null)).verdict());
        byte[] bad = Arrays.copyOf(ok, ok.length + 1);
        assertThrows(PcrValuesFormatException.class, () -> PcrValuesFile.read(bad, quoteSelection()));
    }

    /**
     * Raw values split by a caller's selection that names one PCR twice: the first copy is silently dropped
     * (sound for quotes, whose digest then uses the kept value twice). Recorded.
     */
    @Test
    void rawValuesWithDuplicateSelection() throws Exception {
        TpmlPcrSelection dup = new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0),
                TpmsPcrSelection.of(TpmAlgId.SHA256, 0)));
        byte[] raw = new byte[64];
        raw[0] = 1;
        raw[32] = 2;
        String outcome;
        try {
            outcome = "accepted: " + PcrValuesFile.read(raw, dup).value(TpmAlgId.SHA256, 0).toHex();
        } catch (PcrValuesFormatException e) {
            outcome = "refused: " + e.getMessage();
        }
        System.out.println("[attack] raw values, sha256:0 selected twice -> " + outcome);
        assertTrue(outcome.startsWith("accepted: 02") || outcome.startsWith("refused"), outcome);
    }

    /** HELD (parser): mutated real files only ever return or throw PcrValuesFormatException. */
    @Test
    void mutationsNeverEscapeTheTypedError() throws Exception {
        List<byte[]> seeds = new ArrayList<>(List.of(file("q.pcrs.serialized"), file("pcrread.serialized"),
                file("pcrread.values"), PcrValuesFile.toJson(real()).getBytes(StandardCharsets.UTF_8)));
        TpmlPcrSelection sel = quoteSelection();
        TpmlPcrSelection[] selections = {null, sel, new TpmlPcrSelection(List.of(
                new TpmsPcrSelection(TpmAlgId.SHA256, Bytes.of(new byte[]{-1, -1, -1, -1})),
                new TpmsPcrSelection(0x0099, Bytes.of(new byte[]{1})))), new TpmlPcrSelection(List.of(
                new TpmsPcrSelection(TpmAlgId.SHA512, Bytes.of(new byte[]{-1, -1, -1, -1}))))};
        Random r = new Random(25);
        int accepted = 0;
        for (int i = 0; i < 60_000; i++) {
            byte[] f = seeds.get(r.nextInt(seeds.size())).clone();
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int k = r.nextInt(10);
                if (k < 6 && f.length > 0) {
                    f[r.nextInt(f.length)] = (byte) (k < 3 ? r.nextInt(256) : r.nextInt(3) == 0 ? 0 : k < 5 ? 8 : 0x20);
                } else if (k < 8 && f.length > 1) {
                    f = Arrays.copyOf(f, r.nextInt(f.length));
                } else {
                    f = Arrays.copyOf(f, f.length + 1 + r.nextInt(600));
                }
            }
            for (TpmlPcrSelection s : selections) {
                try {
                    PcrValues v = PcrValuesFile.read(f, s);
                    accepted++;
                    for (var bank : v.banks().entrySet()) {
                        for (var pcr : bank.getValue().entrySet()) {
                            if (pcr.getKey() < 0 || pcr.getKey() > 31
                                    || pcr.getValue().size() != TpmAlgId.digestSize(bank.getKey())) {
                                fail("bad value accepted " + bank.getKey() + ":" + pcr.getKey());
                            }
                        }
                    }
                } catch (PcrValuesFormatException expected) {
                    // typed
                } catch (RuntimeException | Error other) {
                    fail("untyped " + other + " on " + Bytes.of(f).toHex(), other);
                }
            }
        }
        System.out.println("[attack] mutations accepted: " + accepted);
    }
}

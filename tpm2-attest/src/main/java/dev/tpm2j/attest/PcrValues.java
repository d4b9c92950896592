package dev.tpm2j.attest;

import dev.tpm2j.core.InvalidInputException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * PCR values by bank and index: what a TPM reported (PCR_Read, the values behind a quote) or what an event log
 * replays to. Banks keep their insertion order, PCRs ascend. Immutable.
 *
 * @param banks hash algorithm (TPM_ALG_ID) → PCR index → value
 */
public record PcrValues(Map<Integer, SortedMap<Integer, Bytes>> banks) {
    /** No values at all. */
    public static final PcrValues EMPTY = new PcrValues(Map.of());

    /** Copies {@code banks} and checks each value has its bank's digest size and each index is 0..31. */
    public PcrValues {
        Map<Integer, SortedMap<Integer, Bytes>> copy = new LinkedHashMap<>();
        for (Map.Entry<Integer, SortedMap<Integer, Bytes>> bank : banks.entrySet()) {
            int size = TpmAlgId.digestSize(bank.getKey());
            TreeMap<Integer, Bytes> values = new TreeMap<>();
            for (Map.Entry<Integer, Bytes> v : bank.getValue().entrySet()) {
                if (v.getKey() < 0 || v.getKey() > 31) {
                    throw new IllegalArgumentException("PCR index out of range: " + v.getKey());
                }
                if (size > 0 && v.getValue().size() != size) {
                    throw new IllegalArgumentException("PCR " + HashBank.name(bank.getKey()) + ":" + v.getKey()
                            + " has " + v.getValue().size() + " bytes, the bank's digest has " + size);
                }
                values.put(v.getKey(), v.getValue());
            }
            copy.put(bank.getKey(), Collections.unmodifiableSortedMap(values));
        }
        banks = Collections.unmodifiableMap(copy);
    }

    /** The value of one PCR, or null when this set does not hold it. */
    public Bytes value(int hashAlg, int pcr) {
        SortedMap<Integer, Bytes> bank = banks.get(hashAlg);
        return bank == null ? null : bank.get(pcr);
    }

    /** A copy with one more (or a replaced) value. */
    public PcrValues with(int hashAlg, int pcr, Bytes value) {
        Map<Integer, SortedMap<Integer, Bytes>> copy = new LinkedHashMap<>(banks);
        TreeMap<Integer, Bytes> bank = new TreeMap<>(banks.getOrDefault(hashAlg, new TreeMap<>()));
        bank.put(pcr, value);
        copy.put(hashAlg, bank);
        return new PcrValues(copy);
    }

    /** The PCRs a selection names, in selection order (bank by bank, ascending index within a bank). */
    public static List<PcrId> selected(TpmlPcrSelection selection) {
        List<PcrId> out = new ArrayList<>();
        for (TpmsPcrSelection s : selection.selections()) {
            Bytes map = s.pcrSelect();
            for (int i = 0; i < map.size() * 8; i++) {
                if ((map.get(i / 8) & (1 << (i % 8))) != 0) {
                    out.add(new PcrId(s.hash(), i));
                }
            }
        }
        return out;
    }

    /**
     * Reads PCR values written back to back in selection order (tpm2-tools' {@code -F values} format) for
     * {@code selection}.
     *
     * @throws InvalidInputException when the length does not fit the selection or the selection names a PCR that
     *                               cannot exist (the bytes and a quote's selection are untrusted input)
     */
    public static PcrValues fromConcatenated(TpmlPcrSelection selection, byte[] values) {
        List<PcrId> ids = selected(selection);
        long need = 0;
        for (PcrId id : ids) {
            need += TpmAlgId.digestSize(id.hashAlg());
        }
        if (need != values.length) {
            throw new InvalidInputException("the selection needs " + need + " bytes of PCR values, got "
                    + values.length);
        }
        PcrValues out = EMPTY;
        int at = 0;
        try {
            for (PcrId id : ids) {
                int n = TpmAlgId.digestSize(id.hashAlg());
                out = out.with(id.hashAlg(), id.pcr(), Bytes.of(values, at, n));
                at += n;
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        return out;
    }

    /** One PCR: its bank's hash algorithm and its index. */
    public record PcrId(int hashAlg, int pcr) {
        @Override
        public String toString() {
            return HashBank.name(hashAlg) + ":" + pcr;
        }
    }
}

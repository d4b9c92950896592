package dev.tpm2j.attest.device;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.commands.PcrExtend;
import dev.tpm2j.core.commands.PcrRead;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtHa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and extends a TPM's PCRs: the allocated banks (GetCapability), every selected PCR of every bank (PCR_Read,
 * paged through the eight-digest limit, restarted when a PCR changes between pages) and PCR_Extend. What the TPM
 * answers is checked (only PCRs that were asked for, one value of the bank's size each).
 */
public final class DevicePcrs {
    private static final int ATTEMPTS = 3;

    private DevicePcrs() {
    }

    /** The banks the TPM has allocated (non-empty selection), in the TPM's order. */
    public static List<Integer> allocatedBanks(Tpm tpm) {
        GetCapability.Response r = tpm.execute(new GetCapability(TpmCap.PCRS, 0, 1));
        if (!(r.capabilityData().data() instanceof TpmlPcrSelection sel)) {
            throw new TpmFormatException("TPM2_GetCapability(PCRS)", 0, "answered with another capability");
        }
        List<Integer> banks = new ArrayList<>();
        for (TpmsPcrSelection s : sel.selections()) {
            boolean any = false;
            for (int i = 0; i < s.pcrSelect().size(); i++) {
                any |= s.pcrSelect().get(i) != 0;
            }
            if (any && TpmAlgId.digestSize(s.hash()) > 0) {
                banks.add(s.hash());
            }
        }
        return banks;
    }

    /** PCRs 0..23 of every allocated bank. */
    public static PcrValues readAll(Tpm tpm) {
        return read(tpm, allocatedBanks(tpm), range(24));
    }

    /** The given PCRs of the given banks, paging as needed. */
    public static PcrValues read(Tpm tpm, List<Integer> banks, int... pcrs) {
        List<TpmsPcrSelection> sel = new ArrayList<>();
        for (int bank : banks) {
            sel.add(TpmsPcrSelection.of(bank, pcrs));
        }
        return read(tpm, new TpmlPcrSelection(sel));
    }

    /** The PCRs a selection names, paging as needed; a TPM without a bank leaves it out. */
    public static PcrValues read(Tpm tpm, TpmlPcrSelection selection) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PcrValues v = readOnce(tpm, selection);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("PCRs kept changing while they were read (" + ATTEMPTS + " attempts)");
    }

    /** Null when the update counter changed between pages. */
    private static PcrValues readOnce(Tpm tpm, TpmlPcrSelection selection) {
        Map<Integer, Set<Integer>> wanted = new LinkedHashMap<>();
        for (PcrValues.PcrId id : PcrValues.selected(selection)) {
            wanted.computeIfAbsent(id.hashAlg(), k -> new LinkedHashSet<>()).add(id.pcr());
        }
        PcrValues out = PcrValues.EMPTY;
        Integer counter = null;
        int pages = 0;
        while (wanted.values().stream().anyMatch(s -> !s.isEmpty())) {
            if (++pages > 64) {
                throw new TpmFormatException("TPM2_PCR_Read response", 0, "no progress after 64 pages");
            }
            List<TpmsPcrSelection> ask = new ArrayList<>();
            wanted.forEach((bank, set) -> {
                if (!set.isEmpty()) {
                    ask.add(TpmsPcrSelection.of(bank, set.stream().mapToInt(Integer::intValue).toArray()));
                }
            });
            PcrRead.Response r = tpm.execute(new PcrRead(new TpmlPcrSelection(ask)));
            if (counter != null && counter != r.pcrUpdateCounter()) {
                return null;
            }
            counter = r.pcrUpdateCounter();
            List<PcrValues.PcrId> got = PcrValues.selected(r.pcrSelectionOut());
            if (got.size() != r.pcrValues().digests().size()) {
                throw new TpmFormatException("TPM2_PCR_Read response", 0, got.size() + " PCRs selected but "
                        + r.pcrValues().digests().size() + " values returned");
            }
            if (got.isEmpty()) {
                break; // what is left is not allocated
            }
            for (int i = 0; i < got.size(); i++) {
                PcrValues.PcrId id = got.get(i);
                Set<Integer> set = wanted.get(id.hashAlg());
                if (set == null || !set.remove(id.pcr())) {
                    throw new TpmFormatException("TPM2_PCR_Read response", 0, "returned PCR " + id
                            + ", which was not asked for (or twice)");
                }
                Bytes value = r.pcrValues().digests().get(i);
                if (value.size() != TpmAlgId.digestSize(id.hashAlg())) {
                    throw new TpmFormatException("TPM2_PCR_Read response", 0, "PCR " + id + " has "
                            + value.size() + " bytes");
                }
                out = out.with(id.hashAlg(), id.pcr(), value);
            }
        }
        return out;
    }

    /** Extends {@code digests} (one per bank) into PCR {@code pcr} with the PCR's empty auth value. */
    public static void extend(Tpm tpm, int pcr, List<TpmtHa> digests) {
        tpm.execute(new PcrExtend(pcr, digests), PasswordSession.empty());
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}

package dev.tpm2j.attest.eventlog;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * PCR values an event log replays to: for every extended event and every bank, PCR = H(PCR || digest), starting from
 * the values the PC Client Platform TPM Profile gives after TPM2_Startup: zeros, PCRs 17–22 (the DRTM PCRs) all ones
 * until a dynamic launch resets them, and PCR 0 with the startup locality in its last byte. Banks whose hash the JDK
 * lacks are skipped.
 *
 * @param extended the PCRs at least one event extended, per bank
 * @param startupLocality the locality PCR 0 started from
 */
public record ReplayedPcrs(PcrValues extended, int startupLocality) {
    static ReplayedPcrs of(EventLog log) {
        Map<Integer, Map<Integer, byte[]>> state = new LinkedHashMap<>();
        for (int bank : log.banks()) {
            if (TpmAlgId.isHash(bank)) {
                state.put(bank, new HashMap<>());
            }
        }
        for (TcgEvent e : log.events()) {
            if (!e.extended() || e.number() == 0 && log.format() instanceof LogFormat.CryptoAgile) {
                continue;
            }
            for (Map.Entry<Integer, Bytes> d : e.digests().entrySet()) {
                Map<Integer, byte[]> bank = state.get(d.getKey());
                if (bank == null) {
                    continue;
                }
                byte[] old = bank.computeIfAbsent(e.pcrIndex(),
                        p -> initial(d.getKey(), p, log.startupLocality()).toByteArray());
                bank.put(e.pcrIndex(), TpmHash.hash(d.getKey(), old, d.getValue().toByteArray()));
            }
        }
        Map<Integer, SortedMap<Integer, Bytes>> out = new LinkedHashMap<>();
        state.forEach((bank, values) -> {
            TreeMap<Integer, Bytes> m = new TreeMap<>();
            values.forEach((pcr, v) -> m.put(pcr, Bytes.of(v)));
            out.put(bank, m);
        });
        return new ReplayedPcrs(new PcrValues(out), log.startupLocality());
    }

    /** The first DRTM PCR: 17–22 start at all ones on a PC Client TPM. */
    static final int FIRST_DRTM_PCR = 17;
    /** The last DRTM PCR. */
    static final int LAST_DRTM_PCR = 22;

    /**
     * A PCR's value after TPM2_Startup, before any extend (PC Client Platform TPM Profile): all ones for PCRs 17–22,
     * zeros otherwise, PCR 0 carrying the startup locality in its last byte.
     */
    public static Bytes initial(int hashAlg, int pcr, int startupLocality) {
        byte[] v = new byte[TpmHash.digestSize(hashAlg)];
        if (pcr >= FIRST_DRTM_PCR && pcr <= LAST_DRTM_PCR) {
            java.util.Arrays.fill(v, (byte) 0xFF);
        } else if (pcr == 0) {
            v[v.length - 1] = (byte) startupLocality;
        }
        return Bytes.of(v);
    }

    /** Whether at least one event of the log extended this PCR in this bank. */
    public boolean logged(int hashAlg, int pcr) {
        return extended.value(hashAlg, pcr) != null;
    }

    /** The replayed value of a PCR: the extended value, or the initial value when no event touched it. */
    public Bytes value(int hashAlg, int pcr) {
        Bytes v = extended.value(hashAlg, pcr);
        return v != null ? v : initial(hashAlg, pcr, startupLocality);
    }

    /** Whether the log has digests for this bank. */
    public boolean hasBank(int hashAlg) {
        return extended.banks().containsKey(hashAlg);
    }

    /**
     * Compares PCR values a TPM vouched for (a verified quote's {@code AttestationReport.quotedPcrs()}, never values
     * the device merely sent) with this replay, bank by bank in the reported order, PCRs ascending. The first PCR the
     * log extended whose value differs is named ({@link PcrComparison.Differs}); a PCR the log has no event for that
     * holds something other than its initial value is reported as {@link PcrComparison.Unlogged}, not as a mismatch:
     * the log cannot vouch for it either way. No values at all is {@link PcrComparison.NotChecked}, never a match. A
     * PCR 5 that the unlogged Exit Boot Services events explain matches (go-attestation's workaround for such
     * firmware).
     */
    public PcrComparison compareWith(PcrValues reported) {
        if (reported.banks().values().stream().allMatch(java.util.Map::isEmpty)) {
            return new PcrComparison.NotChecked("no PCR values to compare (did the quote verify, and select any?)");
        }
        PcrComparison.Unlogged unlogged = null;
        for (Map.Entry<Integer, SortedMap<Integer, Bytes>> bank : reported.banks().entrySet()) {
            if (!hasBank(bank.getKey())) {
                return new PcrComparison.NotChecked("the event log has no " + TpmAlgId.name(bank.getKey())
                        + " digests");
            }
            for (Map.Entry<Integer, Bytes> pcr : bank.getValue().entrySet()) {
                Bytes replayed = value(bank.getKey(), pcr.getKey());
                if (java.security.MessageDigest.isEqual(replayed.toByteArray(), pcr.getValue().toByteArray())
                        || pcr.getKey() == ExitBootServices.PCR
                        && ExitBootServices.explains(bank.getKey(), replayed, pcr.getValue())) {
                    continue;
                }
                if (logged(bank.getKey(), pcr.getKey())) {
                    return new PcrComparison.Differs(bank.getKey(), pcr.getKey(), pcr.getValue(), replayed);
                }
                if (unlogged == null) {
                    unlogged = new PcrComparison.Unlogged(bank.getKey(), pcr.getKey(), pcr.getValue(), replayed);
                }
            }
        }
        return unlogged != null ? unlogged : new PcrComparison.Matches();
    }
}

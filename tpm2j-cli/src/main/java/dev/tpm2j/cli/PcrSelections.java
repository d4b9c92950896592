package dev.tpm2j.cli;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PCR selections as tpm2-tools writes them: {@code sha256:0,1,7} or {@code sha256:0,1,7+sha1:0}. */
final class PcrSelections {
    private PcrSelections() {
    }

    /**
     * Parses {@code text}, the value of {@code option}: a bank name and PCR numbers 0..23 per part; anything else is
     * an {@link IllegalArgumentException} (a usage error) whose message names the option.
     */
    static TpmlPcrSelection parse(String option, String text) {
        List<TpmsPcrSelection> out = new ArrayList<>();
        for (String part : text.split("\\+")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(option + ": PCR selection '" + part + "' is not BANK:N,N,…");
            }
            int bank;
            try {
                bank = HashBank.parse(part.substring(0, colon));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
            String[] items = part.substring(colon + 1).split(",");
            int[] pcrs = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                pcrs[i] = (int) Numbers.parse(option, items[i].trim(), 0, 23);
            }
            out.add(TpmsPcrSelection.of(bank, pcrs));
        }
        return new TpmlPcrSelection(out);
    }

    /** {@code {bank: [pcr, …]}} for JSON. */
    static Map<String, Object> toJson(TpmlPcrSelection sel) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (PcrValues.PcrId id : PcrValues.selected(sel)) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) m.computeIfAbsent(HashBank.name(id.hashAlg()), k -> new ArrayList<>());
            l.add(id.pcr());
        }
        return m;
    }
}

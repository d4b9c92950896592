package dev.tpm2j.cli;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PCR values document {@code {"pcrs": {"sha256": {"0": "hex", …}, …}}} as maps for the CLI's JSON output
 * ({@code pcrs --json}, {@code quote --pcr-values}, the {@code pcrs}/{@code quotedPcrs} members). Reading it is the
 * library's {@link dev.tpm2j.attest.PcrValuesFile}; {@code PcrValuesJsonTest} checks both write the same text.
 */
final class PcrValuesJson {
    private PcrValuesJson() {
    }

    /** {@code {bank: {index: hex}}}. */
    static Map<String, Object> banks(PcrValues values) {
        Map<String, Object> banks = new LinkedHashMap<>();
        values.banks().forEach((bank, pcrs) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            pcrs.forEach((pcr, v) -> m.put(Integer.toString(pcr), v.toHex()));
            banks.put(HashBank.name(bank), m);
        });
        return banks;
    }

    /** The whole document {@code {"pcrs": …}}. */
    static Map<String, Object> document(PcrValues values) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pcrs", banks(values));
        return doc;
    }
}

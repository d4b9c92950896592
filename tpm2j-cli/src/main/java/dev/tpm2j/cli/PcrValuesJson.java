package dev.tpm2j.cli;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The CLI's PCR values document, {@code {"pcrs": {"sha256": {"0": "hex", …}, …}}}: written by {@code pcrs --json}
 * and {@code quote --pcr-values}, read by {@code verify-quote} and {@code eventlog}. The reader accepts exactly this
 * shape (objects and strings only), bounded by the input; anything else is an {@link IllegalArgumentException}.
 */
final class PcrValuesJson {
    private static final int MAX_INPUT = 1 << 20;

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

    /** Reads the document. */
    static PcrValues parse(String text) {
        if (text.length() > MAX_INPUT) {
            throw new IllegalArgumentException("PCR values file larger than " + MAX_INPUT + " characters");
        }
        Reader r = new Reader(text);
        Map<String, Object> top = r.object(0);
        r.end();
        if (!(top.get("pcrs") instanceof Map<?, ?> pcrs)) {
            throw new IllegalArgumentException("PCR values: no \"pcrs\" object");
        }
        Map<Integer, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        for (Map.Entry<?, ?> bank : pcrs.entrySet()) {
            int alg = HashBank.parse((String) bank.getKey());
            if (!(bank.getValue() instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException("PCR values: bank " + bank.getKey() + " is not an object");
            }
            if (banks.containsKey(alg)) {
                throw new IllegalArgumentException("PCR values: bank " + bank.getKey() + " given twice");
            }
            SortedMap<Integer, Bytes> m = new java.util.TreeMap<>();
            for (Map.Entry<?, ?> v : values.entrySet()) {
                int index;
                try {
                    index = Integer.parseInt((String) v.getKey());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("PCR values: '" + v.getKey() + "' is not a PCR index");
                }
                if (!(v.getValue() instanceof String hex)) {
                    throw new IllegalArgumentException("PCR values: " + bank.getKey() + ":" + index
                            + " is not a hex string");
                }
                if (m.put(index, Bytes.fromHex(hex.startsWith("0x") ? hex.substring(2) : hex)) != null) {
                    throw new IllegalArgumentException("PCR values: " + bank.getKey() + ":" + index
                            + " given twice");
                }
            }
            banks.put(alg, m);
        }
        return new PcrValues(banks);
    }

    /** A reader for JSON objects whose values are strings or objects (depth-limited). */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        private void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("PCR values: " + what + " at character " + pos);
        }

        private void expect(char c) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        Map<String, Object> object(int depth) {
            if (depth > 4) {
                throw error("nesting too deep");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            ws();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                ws();
                String key = string();
                expect(':');
                ws();
                if (pos >= s.length()) {
                    throw error("value expected");
                }
                Object value = s.charAt(pos) == '{' ? object(depth + 1) : string();
                if (m.put(key, value) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                ws();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        String string() {
            expect('"');
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != '"') {
                if (s.charAt(pos) == '\\') {
                    throw error("escapes are not used in PCR values");
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            return s.substring(start, pos++);
        }

        void end() {
            ws();
            if (pos != s.length()) {
                throw error("trailing characters");
            }
        }
    }
}

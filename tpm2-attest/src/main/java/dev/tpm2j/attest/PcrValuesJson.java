package dev.tpm2j.attest;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The PCR values document {@code {"pcrs": {"sha256": {"0": "hex", …}, …}}} (what {@code tpm2j pcrs --json} and
 * {@code tpm2j quote --pcr-values} write). The reader accepts exactly this shape (objects and strings only, no
 * escapes), bounded by the input and nested at most a few levels; anything else is a
 * {@link PcrValuesFormatException} with the character offset.
 */
final class PcrValuesJson {
    private static final PcrValuesFile.Format JSON = PcrValuesFile.Format.JSON;

    private PcrValuesJson() {
    }

    /** The compact document, banks in the values' order, PCRs ascending, lower-case hex. */
    static String write(PcrValues values) {
        StringBuilder sb = new StringBuilder("{\"pcrs\":{");
        boolean firstBank = true;
        for (Map.Entry<Integer, SortedMap<Integer, Bytes>> bank : values.banks().entrySet()) {
            sb.append(firstBank ? "" : ",").append('"').append(HashBank.name(bank.getKey())).append("\":{");
            firstBank = false;
            boolean first = true;
            for (Map.Entry<Integer, Bytes> v : bank.getValue().entrySet()) {
                sb.append(first ? "" : ",").append('"').append(v.getKey()).append("\":\"").append(v.getValue().toHex())
                        .append('"');
                first = false;
            }
            sb.append('}');
        }
        return sb.append("}}").toString();
    }

    /** Reads the document. */
    static PcrValues parse(String text) {
        Reader r = new Reader(text);
        Map<String, Object> top = r.object(0);
        r.end();
        if (!(top.get("pcrs") instanceof Map<?, ?> pcrs)) {
            throw new PcrValuesFormatException(JSON, 0, "no \"pcrs\" object");
        }
        Map<Integer, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        for (Map.Entry<?, ?> bank : pcrs.entrySet()) {
            String name = (String) bank.getKey();
            int alg = bankOf(name);
            if (!(bank.getValue() instanceof Map<?, ?> values)) {
                throw new PcrValuesFormatException(JSON, 0, "bank " + name + " is not an object");
            }
            if (banks.containsKey(alg)) {
                throw new PcrValuesFormatException(JSON, 0, "bank " + name + " given twice");
            }
            SortedMap<Integer, Bytes> m = new TreeMap<>();
            for (Map.Entry<?, ?> v : values.entrySet()) {
                int index = indexOf((String) v.getKey());
                if (!(v.getValue() instanceof String hex)) {
                    throw new PcrValuesFormatException(JSON, 0, name + ":" + index + " is not a hex string");
                }
                Bytes value = hexOf(name, index, hex);
                if (value.size() != TpmAlgId.digestSize(alg)) {
                    throw new PcrValuesFormatException(JSON, 0, name + ":" + index + " has " + value.size()
                            + " bytes, the bank's digest has " + TpmAlgId.digestSize(alg));
                }
                if (m.put(index, value) != null) {
                    throw new PcrValuesFormatException(JSON, 0, name + ":" + index + " given twice");
                }
            }
            banks.put(alg, m);
        }
        return new PcrValues(banks);
    }

    private static int bankOf(String name) {
        try {
            return HashBank.parse(name);
        } catch (IllegalArgumentException e) {
            throw new PcrValuesFormatException(JSON, 0, e.getMessage());
        }
    }

    private static int indexOf(String key) {
        int index;
        try {
            index = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new PcrValuesFormatException(JSON, 0, "'" + key + "' is not a PCR index");
        }
        if (index < 0 || index > 31) {
            throw new PcrValuesFormatException(JSON, 0, "PCR index " + index + " is outside 0..31");
        }
        return index;
    }

    private static Bytes hexOf(String bank, int index, String hex) {
        try {
            return Bytes.fromHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IllegalArgumentException e) {
            throw new PcrValuesFormatException(JSON, 0, bank + ":" + index + " is not hexadecimal");
        }
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

        private PcrValuesFormatException error(String what) {
            return new PcrValuesFormatException(JSON, pos, what);
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

package dev.tpm2j.attest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for the PCR values JSON reader ({@code --pcr-values}, {@link PcrValuesFile#parseJson}): only
 * {@link PcrValuesFormatException} may escape (with an offset inside the text), nesting and size are bounded, and
 * what parses writes back to a document that parses to the same values. Corpus: documents as {@code pcrs --json}
 * writes them plus broken ones (moved here with the reader from the CLI).
 */
class PcrValuesJsonFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            PcrValues values = PcrValuesFile.parseJson(text);
            if (!PcrValuesFile.parseJson(PcrValuesFile.toJson(values)).equals(values)) {
                throw new AssertionError("round trip changed the values of " + text);
            }
        } catch (PcrValuesFormatException expected) {
            if (expected.offset() < 0 || expected.offset() > text.length()) {
                throw new AssertionError("offset outside the input: " + expected.offset());
            }
        }
    }
}

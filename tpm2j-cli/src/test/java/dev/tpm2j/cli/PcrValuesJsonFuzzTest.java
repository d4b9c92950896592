package dev.tpm2j.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for the CLI's PCR values reader ({@code --pcr-values}): only {@link IllegalArgumentException} may
 * escape, nesting and size are bounded. Corpus: documents as {@code pcrs --json} writes them plus broken ones.
 */
class PcrValuesJsonFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            var values = PcrValuesJson.parse(text);
            // what parses must print back to a document that parses to the same values
            if (!PcrValuesJson.parse(Json.write(PcrValuesJson.document(values))).equals(values)) {
                throw new AssertionError("round trip changed the values of " + text);
            }
        } catch (IllegalArgumentException expected) {
            // the documented error
        }
    }
}

package dev.tpm2j.core.commands;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.TpmlPcrSelection;

/**
 * Jazzer target for the TPM2_PCR_Read response parser (pcrUpdateCounter, TPML_PCR_SELECTION, TPML_DIGEST from an
 * untrusted TPM): only {@link TpmFormatException}; list counts are checked against their maxima and the bytes left.
 * Corpus: swtpm's answers (one page of eight SHA-256 values, a mixed SHA-1/SHA-256 page, an empty page) and hostile
 * counts.
 */
class PcrReadFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void parseResponse(byte[] data) {
        try {
            PcrRead.Response r = new PcrRead(TpmlPcrSelection.EMPTY).parseResponse(new int[0], TpmReader.of(data));
            if (r.pcrValues().digests().size() > 8) {
                throw new AssertionError("more than eight digests accepted");
            }
        } catch (TpmFormatException expected) {
            // the documented error
        }
    }
}

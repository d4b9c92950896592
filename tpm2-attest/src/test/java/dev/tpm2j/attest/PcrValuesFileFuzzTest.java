package dev.tpm2j.attest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import java.util.List;

/**
 * Jazzer target for {@link PcrValuesFile#read} on arbitrary bytes (format detection, tpm2-tools' serialized and
 * marshaled readers, raw values split by a selection). Oracle: only {@link PcrValuesFormatException} escapes, with an
 * offset inside the input; what is read from a tpm2-tools file holds no more PCRs than the file has digest bytes for,
 * and writes to JSON that reads back equal. Corpus: the real tpm2-tools files of testdata/tpm2-tools-pcr-files plus
 * edge cases, in PcrValuesFileFuzzTestInputs/read.
 */
class PcrValuesFileFuzzTest {
    static final TpmlPcrSelection QUOTED = new TpmlPcrSelection(List.of(
            TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1, 7), TpmsPcrSelection.of(TpmAlgId.SHA1, 2)));

    @FuzzTest(maxDuration = "30s")
    void read(byte[] data) {
        PcrValuesFile.Format format = PcrValuesFile.detect(data);
        PcrValues values;
        try {
            values = PcrValuesFile.read(data, QUOTED);
        } catch (PcrValuesFormatException expected) {
            if (expected.offset() < 0 || expected.offset() > Math.max(data.length, PcrValuesFile.MAX_SIZE)) {
                throw new AssertionError("offset outside the input: " + expected.offset());
            }
            return;
        }
        long bytes = values.banks().values().stream().flatMap(b -> b.values().stream()).mapToLong(v -> v.size())
                .sum();
        if (format != PcrValuesFile.Format.JSON && bytes > data.length) {
            throw new AssertionError(bytes + " bytes of PCR values out of a " + data.length + "-byte file");
        }
        if (!PcrValuesFile.parseJson(PcrValuesFile.toJson(values)).equals(values)) {
            throw new AssertionError("JSON round trip changed " + values);
        }
    }
}

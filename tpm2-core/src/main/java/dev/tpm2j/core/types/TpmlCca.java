package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * TPML_CCA: the commands a TPM implements (TPMA_CC words, from GetCapability(TPM_CAP_COMMANDS)); the command code
 * is the low 16 bits of each word.
 */
public record TpmlCca(List<Integer> commandAttributes) implements TpmuCapabilities {
    public TpmlCca {
        commandAttributes = List.copyOf(commandAttributes);
    }

    @Override
    public int capability() {
        return TpmCap.COMMANDS;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(commandAttributes.size());
        for (int c : commandAttributes) {
            w.u32(c);
        }
    }

    public static TpmlCca read(TpmReader r) {
        int n = r.count("TPML_CCA", Limits.CAP_CC, 4);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.u32("TPML_CCA"));
        }
        return new TpmlCca(out);
    }
}

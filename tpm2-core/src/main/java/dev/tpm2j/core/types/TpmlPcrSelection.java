package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_PCR_SELECTION: PCR selections, one per hash bank. */
public record TpmlPcrSelection(List<TpmsPcrSelection> selections) implements TpmuCapabilities {
    public static final TpmlPcrSelection EMPTY = new TpmlPcrSelection(List.of());

    public TpmlPcrSelection {
        selections = List.copyOf(selections);
        if (selections.size() > Limits.PCR_SELECTIONS) {
            throw new IllegalArgumentException("more than " + Limits.PCR_SELECTIONS + " PCR selections");
        }
    }

    @Override
    public int capability() {
        return TpmCap.PCRS;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(selections.size());
        for (TpmsPcrSelection s : selections) {
            s.marshal(w);
        }
    }

    public static TpmlPcrSelection read(TpmReader r) {
        int n = r.count("TPML_PCR_SELECTION", Limits.PCR_SELECTIONS, 3);
        List<TpmsPcrSelection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TpmsPcrSelection.read(r));
        }
        return new TpmlPcrSelection(out);
    }
}

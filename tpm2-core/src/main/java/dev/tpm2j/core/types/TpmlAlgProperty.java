package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_ALG_PROPERTY: the algorithms a TPM implements, from GetCapability(TPM_CAP_ALGS). */
public record TpmlAlgProperty(List<TpmsAlgProperty> algorithms) implements TpmuCapabilities {
    public TpmlAlgProperty {
        algorithms = List.copyOf(algorithms);
    }

    @Override
    public int capability() {
        return TpmCap.ALGS;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(algorithms.size());
        for (TpmsAlgProperty a : algorithms) {
            w.u16(a.alg());
            w.u32(a.attributes());
        }
    }

    public static TpmlAlgProperty read(TpmReader r) {
        String s = "TPML_ALG_PROPERTY";
        int n = r.count(s, Limits.CAP_ALGS, 6);
        List<TpmsAlgProperty> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TpmsAlgProperty(r.u16(s), r.u32(s)));
        }
        return new TpmlAlgProperty(out);
    }
}

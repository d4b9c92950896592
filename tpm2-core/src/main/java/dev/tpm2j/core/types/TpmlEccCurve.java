package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_ECC_CURVE: the curves a TPM implements, from GetCapability(TPM_CAP_ECC_CURVES). */
public record TpmlEccCurve(List<Integer> curves) implements TpmuCapabilities {
    public TpmlEccCurve {
        curves = List.copyOf(curves);
    }

    @Override
    public int capability() {
        return TpmCap.ECC_CURVES;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(curves.size());
        for (int c : curves) {
            w.u16(c);
        }
    }

    public static TpmlEccCurve read(TpmReader r) {
        int n = r.count("TPML_ECC_CURVE", Limits.CAP_ECC_CURVES, 2);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.u16("TPML_ECC_CURVE"));
        }
        return new TpmlEccCurve(out);
    }
}

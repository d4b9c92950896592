package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_HANDLE: handles, as returned by GetCapability(TPM_CAP_HANDLES). */
public record TpmlHandle(List<Integer> handles) implements TpmuCapabilities {
    public TpmlHandle {
        handles = List.copyOf(handles);
    }

    @Override
    public int capability() {
        return TpmCap.HANDLES;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(handles.size());
        for (int h : handles) {
            w.u32(h);
        }
    }

    public static TpmlHandle read(TpmReader r) {
        int n = r.count("TPML_HANDLE", Limits.CAP_HANDLES, 4);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.u32("TPML_HANDLE"));
        }
        return new TpmlHandle(out);
    }
}

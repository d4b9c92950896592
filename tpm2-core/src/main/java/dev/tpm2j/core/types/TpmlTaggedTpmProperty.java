package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_TAGGED_TPM_PROPERTY: TPM properties, as returned by GetCapability(TPM_CAP_TPM_PROPERTIES). */
public record TpmlTaggedTpmProperty(List<TpmsTaggedProperty> properties) implements TpmuCapabilities {
    public TpmlTaggedTpmProperty {
        properties = List.copyOf(properties);
    }

    @Override
    public int capability() {
        return TpmCap.TPM_PROPERTIES;
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(properties.size());
        for (TpmsTaggedProperty p : properties) {
            w.u32(p.property());
            w.u32(p.value());
        }
    }

    public static TpmlTaggedTpmProperty read(TpmReader r) {
        String s = "TPML_TAGGED_TPM_PROPERTY";
        int n = r.count(s, Limits.CAP_TPM_PROPERTIES, 8);
        List<TpmsTaggedProperty> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TpmsTaggedProperty(r.u32(s), r.u32(s)));
        }
        return new TpmlTaggedTpmProperty(out);
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_CAPABILITY_DATA: a TPM_CAP selector and the list it selects. */
public record TpmsCapabilityData(TpmuCapabilities data) implements TpmMarshallable {
    public int capability() {
        return data.capability();
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(data.capability());
        data.marshal(w);
    }

    public static TpmsCapabilityData read(TpmReader r) {
        String s = "TPMS_CAPABILITY_DATA";
        int at = r.offset();
        int cap = r.u32(s);
        TpmuCapabilities data = switch (cap) {
            case TpmCap.ALGS -> TpmlAlgProperty.read(r);
            case TpmCap.HANDLES -> TpmlHandle.read(r);
            case TpmCap.COMMANDS -> TpmlCca.read(r);
            case TpmCap.PCRS -> TpmlPcrSelection.read(r);
            case TpmCap.TPM_PROPERTIES -> TpmlTaggedTpmProperty.read(r);
            case TpmCap.ECC_CURVES -> TpmlEccCurve.read(r);
            default -> throw r.errorAt(at, s, "unsupported capability " + TpmCap.name(cap));
        };
        return new TpmsCapabilityData(data);
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmsCapabilityData;

/**
 * TPM2_GetCapability (Part 3 §30.2): one page of a capability list starting at {@code property}; {@code moreData}
 * says whether another page follows.
 */
public record GetCapability(int capability, int property, int propertyCount)
        implements TpmCommand<GetCapability.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.GetCapability);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    public record Response(boolean moreData, TpmsCapabilityData capabilityData) {
    }

    @Override
    public int[] handles() {
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.u32(capability);
        w.u32(property);
        w.u32(propertyCount);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        boolean more = r.yesNo("TPM2_GetCapability moreData");
        int at = r.offset();
        TpmsCapabilityData data = TpmsCapabilityData.read(r);
        if (data.capability() != capability) {
            throw r.errorAt(at, "TPMS_CAPABILITY_DATA", "answered capability " + data.capability()
                    + " to a request for " + capability);
        }
        return new Response(more, data);
    }
}

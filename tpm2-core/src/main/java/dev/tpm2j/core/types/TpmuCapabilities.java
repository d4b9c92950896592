package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;

/** TPMU_CAPABILITIES (Part 2 §10.10.1): the list a GetCapability response carries, selected by TPM_CAP. */
public sealed interface TpmuCapabilities extends TpmMarshallable
        permits TpmlHandle, TpmlTaggedTpmProperty, TpmlAlgProperty, TpmlCca, TpmlPcrSelection, TpmlEccCurve {
    /** The TPM_CAP this list answers. */
    int capability();
}

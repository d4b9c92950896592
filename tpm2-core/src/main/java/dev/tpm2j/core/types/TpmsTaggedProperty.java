package dev.tpm2j.core.types;

/** TPMS_TAGGED_PROPERTY: a TPM_PT and its 32-bit value. */
public record TpmsTaggedProperty(int property, int value) {
    @Override
    public String toString() {
        return TpmPt.name(property) + "=0x" + Integer.toHexString(value);
    }
}

package dev.tpm2j.core.types;

/** TPMS_ALG_PROPERTY: an algorithm id and its TPMA_ALGORITHM bits. */
public record TpmsAlgProperty(int alg, int attributes) {
    @Override
    public String toString() {
        return TpmAlgId.name(alg) + "(0x" + Integer.toHexString(attributes) + ")";
    }
}

package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmMarshallable;

/** TPMU_PUBLIC_PARMS (Part 2 §12.2.3.7): the algorithm parameters of a public area, selected by its type. */
public sealed interface TpmuPublicParms extends TpmMarshallable
        permits TpmsRsaParms, TpmsEccParms, TpmsKeyedHashParms, TpmsSymCipherParms {
    /** The TPMI_ALG_PUBLIC this variant belongs to. */
    int type();
}

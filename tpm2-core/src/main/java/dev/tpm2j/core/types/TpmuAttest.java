package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMU_ATTEST (Part 2 §10.12.11): the type-specific body of an attestation. */
public sealed interface TpmuAttest extends TpmMarshallable
        permits TpmuAttest.CertifyInfo, TpmuAttest.QuoteInfo, TpmuAttest.CreationInfo {
    /** The TPM_ST_ATTEST_* tag of this body. */
    int tag();

    /** TPMS_CERTIFY_INFO: the certified object's name and qualified name. */
    record CertifyInfo(Bytes name, Bytes qualifiedName) implements TpmuAttest {
        @Override
        public int tag() {
            return TpmSt.ATTEST_CERTIFY;
        }

        @Override
        public void marshal(TpmWriter w) {
            w.tpm2b(name);
            w.tpm2b(qualifiedName);
        }
    }

    /** TPMS_QUOTE_INFO: the PCRs quoted and the digest of their values. */
    record QuoteInfo(TpmlPcrSelection pcrSelect, Bytes pcrDigest) implements TpmuAttest {
        @Override
        public int tag() {
            return TpmSt.ATTEST_QUOTE;
        }

        @Override
        public void marshal(TpmWriter w) {
            pcrSelect.marshal(w);
            w.tpm2b(pcrDigest);
        }
    }

    /** TPMS_CREATION_INFO: an object's name and the hash of its creation data. */
    record CreationInfo(Bytes objectName, Bytes creationHash) implements TpmuAttest {
        @Override
        public int tag() {
            return TpmSt.ATTEST_CREATION;
        }

        @Override
        public void marshal(TpmWriter w) {
            w.tpm2b(objectName);
            w.tpm2b(creationHash);
        }
    }
}

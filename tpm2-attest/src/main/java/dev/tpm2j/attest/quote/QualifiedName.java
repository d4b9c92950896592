package dev.tpm2j.attest.quote;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;

/**
 * Qualified names (Part 1 §16): what a TPMS_ATTEST carries as qualifiedSigner. A hierarchy's qualified name is its
 * handle; an object's is {@code nameAlg || H_nameAlg(QN(parent) || Name(object))}, so it binds a key to its whole
 * ancestry (e.g. owner → SRK → AK).
 */
public final class QualifiedName {
    private QualifiedName() {
    }

    /** The qualified name of a hierarchy (TPM_RH_OWNER, _ENDORSEMENT, _PLATFORM, _NULL): its 4-byte handle. */
    public static Bytes ofHierarchy(int handle) {
        return Bytes.of((byte) (handle >>> 24), (byte) (handle >>> 16), (byte) (handle >>> 8), (byte) handle);
    }

    /** The qualified name of an object with name {@code name} under a parent with qualified name {@code parentQn}. */
    public static Bytes ofChild(Bytes parentQn, Bytes name) {
        if (name.size() < 2) {
            throw new IllegalArgumentException("not an object name");
        }
        int nameAlg = ((name.get(0) & 0xFF) << 8) | (name.get(1) & 0xFF);
        byte[] h = TpmHash.hash(nameAlg, parentQn.toByteArray(), name.toByteArray());
        return name.slice(0, 2).concat(Bytes.of(h));
    }
}

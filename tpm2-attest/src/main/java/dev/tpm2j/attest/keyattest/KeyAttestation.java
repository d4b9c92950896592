package dev.tpm2j.attest.keyattest;

import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * Verifier side of key attestation (TPM2_Certify by a trusted AK): the certify must verify with the AK, carry the
 * verifier's nonce and name exactly the key whose public area the requester presents (Name = nameAlg || H(public)),
 * and the key must meet the {@link KeyPolicy}. Only then may a CA certify the key as living in that TPM.
 */
public final class KeyAttestation {
    private KeyAttestation() {
    }

    /**
     * Verifies that {@code ak} certified {@code key}.
     *
     * @param ak the trusted attestation key (its certificate was checked by the caller)
     * @param certifyMessage the exact TPMS_ATTEST bytes of the certify
     * @param signature the AK's signature over them
     * @param nonce the CA's fresh nonce (qualifyingData of the certify)
     * @param key the public area of the key to be certified
     * @param policy what the key must be
     */
    public static KeyVerdict verify(AttestationKey ak, Bytes certifyMessage, TpmtSignature signature, Bytes nonce,
                                    TpmtPublic key, KeyPolicy policy) {
        if (!TpmAlgId.isHash(key.nameAlg())) {
            return new KeyVerdict.KeyRefused("the key's name algorithm " + TpmAlgId.name(key.nameAlg())
                    + " is not supported");
        }
        Bytes name = Names.object(key);
        AttestationReport r = AttestationVerifier.verifyCertify(ak, certifyMessage, signature,
                Expectations.nonce(nonce).withCertifiedName(name));
        if (!r.valid()) {
            return new KeyVerdict.CertifyRefused(r.verdict());
        }
        String problem = policy.problem(key);
        if (problem != null) {
            return new KeyVerdict.KeyRefused(problem);
        }
        return new KeyVerdict.Attested(key, name);
    }
}

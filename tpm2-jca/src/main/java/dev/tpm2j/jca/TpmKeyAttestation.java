package dev.tpm2j.jca;

import dev.tpm2j.attest.keyattest.KeyAttestation;
import dev.tpm2j.attest.keyattest.KeyPolicy;
import dev.tpm2j.attest.keyattest.KeyVerdict;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * Key attestation of a provider key in one call: an attestation key (AK) loaded in the same TPM certifies the key
 * (TPM2_Certify over the verifier's nonce), and the {@link Statement} goes to the {@link KeyAttestation} verifier or a
 * CA (such as tpm2-ek's reference {@code KeyAttestationCa}), which issues the certificate the key store then holds.
 *
 * <pre>{@code
 * Statement s = TpmKeyAttestation.certify(key, akHandle, akAuth, challenge.certifyNonce());
 * X509Certificate cert = ca.complete(challenge.id(), answer, s.keyPublic(), s.certifyMessage(), s.signature());
 * }</pre>
 */
public final class TpmKeyAttestation {
    private TpmKeyAttestation() {
    }

    /**
     * What the TPM said about a key: its public area and the AK's signed TPMS_ATTEST (TPM_ST_ATTEST_CERTIFY) naming it.
     *
     * @param keyPublic      the certified key's public area
     * @param certifyMessage the exact TPMS_ATTEST bytes the AK signed
     * @param signature      the AK's signature over them
     */
    public record Statement(TpmtPublic keyPublic, Bytes certifyMessage, TpmtSignature signature) {
        /**
         * The {@link KeyAttestation} verdict for this statement: signed by {@code ak}, over {@code nonce}, naming
         * exactly {@link #keyPublic()}, a key that cannot leave the TPM ({@link KeyPolicy#DEFAULT}).
         */
        public KeyVerdict verify(AttestationKey ak, Bytes nonce) {
            return KeyAttestation.verify(ak, certifyMessage, signature, nonce, keyPublic, KeyPolicy.DEFAULT);
        }
    }

    /**
     * Certifies {@code key} with the AK loaded at {@code akHandle} in the same TPM (on the provider's connection, see
     * {@link Tpm2jProvider#withTpm}), over {@code nonce}. {@code akAuth} is the AK's authValue (empty for none).
     */
    public static Statement certify(TpmPrivateKey key, int akHandle, byte[] akAuth, Bytes nonce) {
        Certify.Response r = key.service().certify(key, akHandle, akAuth, nonce);
        return new Statement(key.publicArea(), r.attestBytes(), r.signature());
    }
}

package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_RSA_Decrypt (Part 3 §14.3): the loaded RSA key {@code keyHandle} (USER role, decrypt attribute) decrypts
 * {@code cipherText} with TPMT_RSA_DECRYPT {@code scheme} / {@code hashAlg} (RSAES = PKCS#1 v1.5, OAEP with a hash,
 * or NULL for the key's own). {@code label} is OAEP's label (the TPM appends a zero byte when it is not empty).
 *
 * @param keyHandle  the decryption key
 * @param cipherText the ciphertext, at most the modulus size
 * @param scheme     TPM_ALG_RSAES, TPM_ALG_OAEP or TPM_ALG_NULL
 * @param hashAlg    OAEP's hash (ignored for the other schemes)
 * @param label      OAEP's label (TPM2B_DATA)
 */
public record RsaDecrypt(int keyHandle, Bytes cipherText, int scheme, int hashAlg, Bytes label)
        implements TpmCommand<Bytes> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.RSA_Decrypt)
            .withHandles(1, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    /** Checks sizes and the scheme. */
    public RsaDecrypt {
        if (cipherText.size() > Limits.RSA_KEY || label.size() > Limits.DATA) {
            throw new IllegalArgumentException("ciphertext or label too long");
        }
        if (scheme != TpmAlgId.RSAES && scheme != TpmAlgId.OAEP && scheme != TpmAlgId.NULL) {
            throw new IllegalArgumentException("not an RSA decryption scheme: " + TpmAlgId.name(scheme));
        }
    }

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {keyHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(cipherText);
        w.u16(scheme);
        if (scheme == TpmAlgId.OAEP) {
            w.u16(hashAlg);
        }
        w.tpm2b(label);
    }

    /** The recovered message (TPM2B_PUBLIC_KEY_RSA). */
    @Override
    public Bytes parseResponse(int[] h, TpmReader r) {
        return r.tpm2b("TPM2B_PUBLIC_KEY_RSA message", Limits.RSA_KEY);
    }
}

package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsRsaParms;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * TPM2_MakeCredential in software (Part 1 §24, Part 3 §12.6): protects a secret to an EK, bound to the name of an
 * attestation key, so that only that TPM holding that key can recover it with TPM2_ActivateCredential. Seed size,
 * KDF and HMAC hash come from the EK's nameAlg; the AES key size from the EK's symmetric definition.
 */
public final class CredentialProtection {
    private static final byte[] EMPTY = new byte[0];

    private CredentialProtection() {
    }

    /** The credential blob and the encrypted seed. */
    public record Credential(Tpm2bIdObject credentialBlob, Tpm2bEncryptedSecret secret) {
    }

    /**
     * Makes a credential.
     *
     * @param ek     the EK's public area (restricted decryption key, RSA or ECC)
     * @param akName the name of the key the credential is bound to
     * @param secret at most one digest (of the EK's nameAlg) of secret bytes; not retained
     */
    public static Credential make(TpmtPublic ek, Bytes akName, byte[] secret) {
        int nameAlg = ek.nameAlg();
        int digest = TpmHash.digestSize(nameAlg);
        if (secret.length == 0 || secret.length > digest) {
            throw new IllegalArgumentException("the secret must be 1.." + digest + " bytes for a "
                    + dev.tpm2j.core.types.TpmAlgId.name(nameAlg) + " EK");
        }
        TpmtSymDef sym;
        if (ek.parameters() instanceof TpmsRsaParms r) {
            sym = r.symmetric();
        } else if (ek.parameters() instanceof TpmsEccParms e) {
            sym = e.symmetric();
        } else {
            throw new IllegalArgumentException("the EK must be an RSA or ECC key");
        }
        if (sym.algorithm() != dev.tpm2j.core.types.TpmAlgId.AES || sym.mode() != dev.tpm2j.core.types.TpmAlgId.CFB) {
            throw new IllegalArgumentException("the EK's symmetric definition must be AES-CFB, not " + sym);
        }
        SeedEncryption.Seed seed = SeedEncryption.create(ek, "IDENTITY");
        byte[] name = akName.toByteArray();
        byte[] symKey = null;
        byte[] hmacKey = null;
        byte[] plain = null;
        // One HMAC engine for the whole credential: keyed with the seed for both KDFa derivations, then with the
        // derived integrity key for the outer HMAC (Part 1 §24.4–24.5).
        Mac mac = CryptoEngines.borrowMac(nameAlg, seed.seed());
        try {
            symKey = Kdf.kdfa(mac, "STORAGE", name, EMPTY, sym.keyBits());
            hmacKey = Kdf.kdfa(mac, "INTEGRITY", EMPTY, EMPTY, 8 * digest);
            plain = new byte[2 + secret.length];
            plain[0] = (byte) (secret.length >>> 8);
            plain[1] = (byte) secret.length;
            System.arraycopy(secret, 0, plain, 2, secret.length);
            byte[] encIdentity = CryptoEngines.aesCfb(Cipher.ENCRYPT_MODE, symKey, new byte[16], plain);
            CryptoEngines.rekey(mac, hmacKey);
            mac.update(encIdentity);
            mac.update(name);
            byte[] outerHmac = mac.doFinal();
            byte[] blob = new byte[2 + outerHmac.length + encIdentity.length];
            blob[0] = (byte) (outerHmac.length >>> 8);
            blob[1] = (byte) outerHmac.length;
            System.arraycopy(outerHmac, 0, blob, 2, outerHmac.length);
            System.arraycopy(encIdentity, 0, blob, 2 + outerHmac.length, encIdentity.length);
            return new Credential(new Tpm2bIdObject(Bytes.of(blob)),
                    new Tpm2bEncryptedSecret(seed.encryptedSecret()));
        } finally {
            CryptoEngines.release(nameAlg, mac);
            seed.wipe();
            wipe(symKey);
            wipe(hmacKey);
            wipe(plain);
        }
    }

    /** AES in CFB mode (full-block feedback, as the TPM uses it). */
    public static byte[] aesCfb(int mode, byte[] key, byte[] iv, byte[] data) {
        return CryptoEngines.aesCfb(mode, key, iv, data);
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}

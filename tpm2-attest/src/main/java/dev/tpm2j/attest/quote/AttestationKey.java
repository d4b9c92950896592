package dev.tpm2j.attest.quote;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key that signs attestations (an AK/AIK) as a verifier knows it: the public key and, when the TPM public area is
 * known, the key's own signing scheme and hash (which a signature must then use) and its name.
 *
 * @param key the JCA public key (RSA or EC)
 * @param scheme the AK's signing scheme (TPM_ALG_RSASSA, RSAPSS, ECDSA) or TPM_ALG_NULL when any is allowed
 * @param schemeHash the scheme's hash, or TPM_ALG_NULL
 * @param name the AK's name (nameAlg || H(TPMT_PUBLIC)), or null when only the key is known (PEM)
 */
public record AttestationKey(PublicKey key, int scheme, int schemeHash, Bytes name) {
    /** From a TPM public area: the key, its scheme and its name. */
    public static AttestationKey of(TpmtPublic pub) {
        int scheme = TpmAlgId.NULL;
        int hash = TpmAlgId.NULL;
        if (pub.parameters() instanceof TpmsRsaParms p) {
            scheme = p.scheme().scheme();
            hash = p.scheme().hashAlg();
        } else if (pub.parameters() instanceof TpmsEccParms p) {
            scheme = p.scheme().scheme();
            hash = p.scheme().hashAlg();
        }
        return new AttestationKey(PublicKeys.toJca(pub), scheme, hash, Names.object(pub));
    }

    /** From a bare public key (e.g. PEM): any RSASSA/RSAPSS (RSA) or ECDSA (EC) signature is accepted. */
    public static AttestationKey of(PublicKey key) {
        return new AttestationKey(key, TpmAlgId.NULL, TpmAlgId.NULL, null);
    }

    /**
     * Reads an AK public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo) or as a TPM2B_PUBLIC
     * (tpm2-tools' {@code -f tss} output, {@code tpm2_readpublic -o}); {@link IllegalArgumentException} otherwise.
     */
    public static AttestationKey parse(byte[] encoded) {
        String text = new String(encoded, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            int from = text.indexOf("-----BEGIN PUBLIC KEY-----") + "-----BEGIN PUBLIC KEY-----".length();
            int to = text.indexOf("-----END PUBLIC KEY-----", from);
            if (to < 0) {
                throw new IllegalArgumentException("PEM public key without an END line");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from, to));
            for (String alg : new String[] {"RSA", "EC"}) {
                try {
                    return of(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der)));
                } catch (GeneralSecurityException e) {
                    // try the next key type
                }
            }
            throw new IllegalArgumentException("the PEM public key is neither RSA nor EC");
        }
        try {
            TpmReader r = TpmReader.of(encoded);
            TpmtPublic pub = Tpm2bPublic.read(r).publicArea();
            r.expectEnd("TPM2B_PUBLIC");
            return of(pub);
        } catch (TpmFormatException e) {
            throw new IllegalArgumentException("neither a PEM public key nor a TPM2B_PUBLIC: " + e.getMessage(), e);
        }
    }
}

package dev.tpm2j.attest.quote;

import dev.tpm2j.core.InvalidInputException;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
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
 * @param attributes the AK's object attributes, or null when only the key is known (PEM): when known, the verifier
 *        refuses a key that is not a restricted signing key bound to its TPM ({@link #problem()})
 */
public record AttestationKey(PublicKey key, int scheme, int schemeHash, Bytes name, TpmaObject attributes) {
    /** A key whose attributes are not known (they are then not checked). */
    public AttestationKey(PublicKey key, int scheme, int schemeHash, Bytes name) {
        this(key, scheme, schemeHash, name, null);
    }

    /**
     * Null when this can be an attestation key, else why not: with the public area at hand, the key must be
     * restricted (the TPM signs only digests it computed itself, never an outside TPM_GENERATED structure), a signing
     * key that cannot decrypt, and fixedTPM and fixedParent (it never leaves its TPM).
     */
    public String problem() {
        if (attributes == null) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        String[] names = {"restricted", "sign", "fixedTPM", "fixedParent"};
        int[] bits = {TpmaObject.RESTRICTED, TpmaObject.SIGN_ENCRYPT, TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT};
        for (int i = 0; i < bits.length; i++) {
            if (!attributes.has(bits[i])) {
                why.append(why.length() == 0 ? "" : ", ").append("not ").append(names[i]);
            }
        }
        if (attributes.has(TpmaObject.DECRYPT)) {
            why.append(why.length() == 0 ? "" : ", ").append("can decrypt");
        }
        return why.length() == 0 ? null : "the key's public area (" + attributes + ") shows it is no AK: " + why;
    }

    /** From a TPM public area: the key, its scheme, its name and its attributes (checked by the verifier). */
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
        return new AttestationKey(PublicKeys.toJca(pub), scheme, hash, Names.object(pub), pub.objectAttributes());
    }

    /** From a bare public key (e.g. PEM): any RSASSA/RSAPSS (RSA) or ECDSA (EC) signature is accepted. */
    public static AttestationKey of(PublicKey key) {
        return new AttestationKey(key, TpmAlgId.NULL, TpmAlgId.NULL, null, null);
    }

    /**
     * Reads an AK public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo) or as a TPM2B_PUBLIC
     * (tpm2-tools' {@code -f tss} output, {@code tpm2_readpublic -o}) or a bare TPMT_PUBLIC.
     *
     * @throws InvalidInputException when the bytes are none of these (untrusted input, named by what was tried)
     */
    public static AttestationKey parse(byte[] encoded) {
        String text = new String(encoded, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            int from = text.indexOf("-----BEGIN PUBLIC KEY-----") + "-----BEGIN PUBLIC KEY-----".length();
            int to = text.indexOf("-----END PUBLIC KEY-----", from);
            if (to < 0) {
                throw new InvalidInputException("PEM public key without an END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(text.substring(from, to));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("the PEM public key is not base64: " + e.getMessage(), e);
            }
            for (String alg : new String[] {"RSA", "EC"}) {
                try {
                    return of(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der)));
                } catch (GeneralSecurityException e) {
                    // try the next key type
                }
            }
            throw new InvalidInputException("the PEM public key is neither RSA nor EC");
        }
        try {
            TpmReader r = TpmReader.of(encoded);
            TpmtPublic pub = Tpm2bPublic.read(r).publicArea();
            r.expectEnd("TPM2B_PUBLIC");
            return of(pub);
        } catch (TpmFormatException | IllegalArgumentException e) {
            try {
                TpmReader r = TpmReader.of(encoded);
                TpmtPublic pub = TpmtPublic.read(r);
                r.expectEnd("TPMT_PUBLIC");
                return of(pub);
            } catch (TpmFormatException | IllegalArgumentException bare) {
                throw new InvalidInputException("neither a PEM public key, a TPM2B_PUBLIC nor a TPMT_PUBLIC: "
                        + e.getMessage(), e);
            }
        }
    }
}

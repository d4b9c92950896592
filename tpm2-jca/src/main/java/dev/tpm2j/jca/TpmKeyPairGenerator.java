package dev.tpm2j.jca;

import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * KeyPairGenerator "RSA" (2048, 3072 where the TPM has it) and "EC" (P-256, P-384): TPM2_Create under the SRK with
 * fixedTPM|fixedParent|sensitiveDataOrigin|userWithAuth and sign (default) or decrypt, scheme NULL (so the signature
 * scheme and hash are chosen per signature), optional authValue. The TPM's RNG makes the key, so the
 * {@link SecureRandom} passed to {@code initialize} is not used.
 */
final class TpmKeyPairGenerator extends KeyPairGeneratorSpi {
    private final TpmKeyService service;
    private final boolean rsa;
    private int keyBits;
    private int curve;
    private TpmKeyGenParameterSpec.Purpose purpose = TpmKeyGenParameterSpec.Purpose.SIGN;
    private char[] password = new char[0];

    TpmKeyPairGenerator(TpmKeyService service, String algorithm) {
        this.service = service;
        this.rsa = algorithm.equals("RSA");
        this.keyBits = 2048;
        this.curve = TpmEccCurve.NIST_P256;
    }

    @Override
    public void initialize(int keysize, SecureRandom random) {
        try {
            if (rsa) {
                setRsaBits(keysize);
            } else {
                curve = switch (keysize) {
                    case 256 -> TpmEccCurve.NIST_P256;
                    case 384 -> TpmEccCurve.NIST_P384;
                    default -> throw new InvalidAlgorithmParameterException("EC key size must be 256 or 384");
                };
            }
        } catch (InvalidAlgorithmParameterException e) {
            throw new InvalidParameterException(e.getMessage());
        }
        purpose = TpmKeyGenParameterSpec.Purpose.SIGN;
        password = new char[0];
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        TpmKeyGenParameterSpec.Purpose p = TpmKeyGenParameterSpec.Purpose.SIGN;
        char[] pw = new char[0];
        AlgorithmParameterSpec keyParams = params;
        if (params instanceof TpmKeyGenParameterSpec t) {
            keyParams = t.keyParams();
            p = t.purpose();
            pw = t.password();
            try {
                Arrays.fill(AuthValues.of(pw), (byte) 0);
            } catch (IllegalArgumentException e) {
                throw new InvalidAlgorithmParameterException(e.getMessage());
            }
        }
        if (rsa && keyParams instanceof RSAKeyGenParameterSpec r) {
            if (!r.getPublicExponent().equals(RSAKeyGenParameterSpec.F4)) {
                throw new InvalidAlgorithmParameterException("the TPM makes keys with exponent 65537 only");
            }
            setRsaBits(r.getKeysize());
        } else if (!rsa && keyParams instanceof ECGenParameterSpec e) {
            curve = curveOf(e.getName());
        } else if (!rsa && keyParams instanceof ECParameterSpec e) {
            curve = switch (e.getCurve().getField().getFieldSize()) {
                case 256 -> TpmEccCurve.NIST_P256;
                case 384 -> TpmEccCurve.NIST_P384;
                default -> throw new InvalidAlgorithmParameterException("only NIST P-256 and P-384");
            };
        } else {
            throw new InvalidAlgorithmParameterException("unsupported parameters for " + (rsa ? "RSA" : "EC") + ": "
                    + (keyParams == null ? "null" : keyParams.getClass().getName()));
        }
        purpose = p;
        Arrays.fill(password, '\0');
        password = pw;
    }

    private void setRsaBits(int bits) throws InvalidAlgorithmParameterException {
        if (bits != 2048 && bits != 3072) {
            throw new InvalidAlgorithmParameterException("RSA key size must be 2048 or 3072");
        }
        keyBits = bits;
    }

    private static int curveOf(String name) throws InvalidAlgorithmParameterException {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "secp256r1", "p-256", "nist p-256", "prime256v1", "1.2.840.10045.3.1.7" -> TpmEccCurve.NIST_P256;
            case "secp384r1", "p-384", "nist p-384", "1.3.132.0.34" -> TpmEccCurve.NIST_P384;
            default -> throw new InvalidAlgorithmParameterException("unsupported curve " + name
                    + " (NIST P-256 and P-384)");
        };
    }

    /** The template for the configured key. */
    TpmtPublic template() {
        TpmaObject attributes = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
                TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH,
                purpose == TpmKeyGenParameterSpec.Purpose.SIGN ? TpmaObject.SIGN_ENCRYPT : TpmaObject.DECRYPT);
        if (rsa) {
            return new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, attributes, Bytes.EMPTY,
                    new TpmsRsaParms(TpmtSymDef.NULL, TpmtRsaScheme.NULL, keyBits, 0),
                    new Tpm2bPublicKeyRsa(Bytes.EMPTY));
        }
        return new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256, attributes, Bytes.EMPTY,
                new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.NULL, curve, TpmtKdfScheme.NULL),
                new TpmsEccPoint(Bytes.EMPTY, Bytes.EMPTY));
    }

    /**
     * Creates the key in the TPM. Throws {@link ProviderException} when the TPM refuses (e.g. RSA 3072 on a TPM
     * without it) or cannot be reached.
     */
    @Override
    public KeyPair generateKeyPair() {
        byte[] auth = AuthValues.of(password);
        try {
            Create.Response r = service.create(template(), auth);
            TpmPrivateKey key = TpmPrivateKey.of(service, r.outPublic(), r.outPrivate(), service.srkName(), auth);
            return new KeyPair(key.publicKey(), key);
        } catch (TpmResponseException e) {
            throw new ProviderException("the TPM did not create the key: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ProviderException("cannot create the key in the TPM: " + e.getMessage(), e);
        } finally {
            Arrays.fill(auth, (byte) 0);
        }
    }

}

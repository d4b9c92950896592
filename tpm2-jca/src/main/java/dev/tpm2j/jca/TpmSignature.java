package dev.tpm2j.jca;

import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Signature SHA256/384withRSA (RSASSA-PKCS1-v1_5), RSASSA-PSS and SHA256/384withECDSA over TPM2_Sign: the message is
 * hashed here, in software, and the TPM signs the digest; ECDSA signatures come out DER-encoded as the JDK's do.
 * Signing only: verify with the public key through any provider (this one refuses {@code initVerify}).
 */
final class TpmSignature extends SignatureSpi {
    /** Which TPM scheme a service signs with. */
    enum Kind {
        RSASSA, RSAPSS, ECDSA
    }

    private final Kind kind;
    private String digestName;
    private MessageDigest digest;
    private PSSParameterSpec pss;
    private TpmPrivateKey key;

    /** A signature of {@code kind}; {@code digestName} is null for RSASSA-PSS (set by its parameters). */
    TpmSignature(Kind kind, String digestName) {
        this.kind = kind;
        this.digestName = digestName;
        if (digestName != null) {
            this.digest = newDigest(digestName);
        }
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException(name + " is not available", e);
        }
    }

    /** The TPM hash algorithm for a JCA digest name, or -1. */
    static int tpmHash(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
            case "SHA256" -> TpmAlgId.SHA256;
            case "SHA384" -> TpmAlgId.SHA384;
            case "SHA512" -> TpmAlgId.SHA512;
            default -> -1;
        };
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("TPM2J signs only; verify with the public key through a JDK provider");
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        boolean fits = kind == Kind.ECDSA ? privateKey instanceof TpmEcPrivateKey
                : privateKey instanceof TpmRsaPrivateKey;
        if (!fits) {
            throw new InvalidKeyException("not a TPM2J " + (kind == Kind.ECDSA ? "EC" : "RSA") + " key: "
                    + (privateKey == null ? "null" : privateKey.getClass().getName()));
        }
        TpmPrivateKey k = (TpmPrivateKey) privateKey;
        if (!k.canSign()) {
            throw new InvalidKeyException("the TPM key is not a signing key (attributes " + k.publicArea()
                    .objectAttributes() + ")");
        }
        if (k.isDestroyed()) {
            throw new InvalidKeyException("the key was destroyed");
        }
        key = k;
        if (digest != null) {
            digest.reset();
        }
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        ready().update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        ready().update(b, off, len);
    }

    @Override
    protected void engineUpdate(java.nio.ByteBuffer input) {
        if (key == null || digest == null) {
            throw new IllegalStateException("not initialized for signing (or RSASSA-PSS parameters not set)");
        }
        digest.update(input);
    }

    private MessageDigest ready() throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized for signing");
        }
        if (digest == null) {
            throw new SignatureException("RSASSA-PSS needs its parameters (setParameter(PSSParameterSpec)) first");
        }
        return digest;
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        byte[] hash = ready().digest();
        int scheme = switch (kind) {
            case RSASSA -> TpmAlgId.RSASSA;
            case RSAPSS -> TpmAlgId.RSAPSS;
            case ECDSA -> TpmAlgId.ECDSA;
        };
        TpmtSignature sig;
        try {
            sig = key.service().sign(key, Bytes.of(hash), new TpmtSigScheme(scheme, tpmHash(digestName), 0));
        } catch (TpmResponseException e) {
            if (e.is(TpmRc.AUTH_FAIL) || e.is(TpmRc.BAD_AUTH)) {
                throw new SignatureException("wrong password for " + key, new UnrecoverableTpmKeyException(null,
                        UnrecoverableTpmKeyException.Reason.WRONG_PASSWORD, "wrong password for " + key, e));
            }
            throw new SignatureException("TPM2_Sign failed: " + e.getMessage(), e);
        } catch (TpmException | IllegalStateException e) {
            throw new SignatureException("TPM2_Sign failed: " + e.getMessage(), e);
        }
        if (sig.signature() instanceof TpmsSignatureRsa rsa && kind != Kind.ECDSA) {
            return rsa.sig().toByteArray();
        }
        if (sig.signature() instanceof TpmsSignatureEcc ecc && kind == Kind.ECDSA) {
            return EcdsaDer.encode(ecc.signatureR().toByteArray(), ecc.signatureS().toByteArray());
        }
        throw new SignatureException("the TPM returned a " + TpmAlgId.name(sig.sigAlg()) + " signature");
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        throw new SignatureException("TPM2J signs only");
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (kind != Kind.RSAPSS) {
            if (params == null) {
                return;
            }
            throw new InvalidAlgorithmParameterException("no parameters for this signature");
        }
        if (!(params instanceof PSSParameterSpec p)) {
            throw new InvalidAlgorithmParameterException("RSASSA-PSS needs a PSSParameterSpec");
        }
        int hash = tpmHash(p.getDigestAlgorithm());
        if (hash < 0) {
            throw new InvalidAlgorithmParameterException("unsupported PSS digest " + p.getDigestAlgorithm());
        }
        if (!"MGF1".equalsIgnoreCase(p.getMGFAlgorithm()) || !(p.getMGFParameters() instanceof MGF1ParameterSpec m)
                || tpmHash(m.getDigestAlgorithm()) != hash) {
            throw new InvalidAlgorithmParameterException("the TPM uses MGF1 with the message digest ("
                    + p.getDigestAlgorithm() + ")");
        }
        MessageDigest md = newDigest(p.getDigestAlgorithm());
        if (p.getSaltLength() != md.getDigestLength() || p.getTrailerField() != PSSParameterSpec.TRAILER_FIELD_BC) {
            throw new InvalidAlgorithmParameterException("the TPM's PSS salt is as long as the digest ("
                    + md.getDigestLength() + " bytes), trailer field 1; asked for salt " + p.getSaltLength());
        }
        pss = p;
        digestName = p.getDigestAlgorithm();
        digest = md;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (kind != Kind.RSAPSS || pss == null) {
            return null;
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
            ap.init(pss);
            return ap;
        } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
            throw new ProviderException("cannot encode PSS parameters", e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no string parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no string parameters");
    }
}

package dev.tpm2j.jca;

import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmRc;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * KeyAgreement "ECDH" over TPM2_ECDH_ZGen: the TPM multiplies the peer's public point by the key's private scalar; the
 * shared secret is the x coordinate, as long as the field (as the JDK's ECDH returns it). The key must have been made
 * with {@link TpmKeyGenParameterSpec.Purpose#DECRYPT}. One peer (two-party ECDH).
 */
final class TpmEcdh extends KeyAgreementSpi {
    private TpmEcPrivateKey key;
    private byte[] secret;

    @Override
    protected void engineInit(Key k, SecureRandom random) throws InvalidKeyException {
        if (!(k instanceof TpmEcPrivateKey ec)) {
            throw new InvalidKeyException("not a TPM2J EC key: " + (k == null ? "null" : k.getClass().getName()));
        }
        if (!ec.canDecrypt()) {
            throw new InvalidKeyException("the TPM key is not a key-agreement key (made without Purpose.DECRYPT)");
        }
        key = ec;
        wipe();
    }

    @Override
    protected void engineInit(Key k, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("ECDH takes no parameters");
        }
        engineInit(k, random);
    }

    @Override
    protected Key engineDoPhase(Key peer, boolean lastPhase) throws InvalidKeyException {
        if (key == null) {
            throw new IllegalStateException("not initialized");
        }
        if (!lastPhase) {
            throw new IllegalStateException("ECDH has one phase");
        }
        if (!(peer instanceof ECPublicKey p)) {
            throw new InvalidKeyException("the peer key must be an EC public key");
        }
        int curve = ((TpmsEccParms) key.publicArea().parameters()).curveId();
        if (PublicKeys.curveId(p) != curve) {
            throw new InvalidKeyException("the peer key is on another curve");
        }
        int size = (p.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        TpmsEccPoint in = new TpmsEccPoint(PublicKeys.fixedWidth(p.getW().getAffineX(), size),
                PublicKeys.fixedWidth(p.getW().getAffineY(), size));
        TpmsEccPoint out;
        try {
            out = key.service().ecdhZGen(key, in);
        } catch (TpmResponseException e) {
            if (e.is(TpmRc.ECC_POINT)) {
                throw new InvalidKeyException("the peer's point is not on the curve", e);
            }
            throw new ProviderException("TPM2_ECDH_ZGen failed: " + e.getMessage(), e);
        } catch (TpmException e) {
            throw new ProviderException("TPM2_ECDH_ZGen failed: " + e.getMessage(), e);
        }
        wipe();
        byte[] x = out.x().toByteArray();
        secret = new byte[size];
        System.arraycopy(x, Math.max(0, x.length - size), secret, Math.max(0, size - x.length),
                Math.min(size, x.length));
        Arrays.fill(x, (byte) 0);
        return null;
    }

    @Override
    protected byte[] engineGenerateSecret() {
        return take();
    }

    @Override
    protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
        if (secret == null) {
            throw new IllegalStateException("doPhase first");
        }
        if (sharedSecret.length - offset < secret.length) {
            throw new ShortBufferException("needs " + secret.length + " bytes");
        }
        byte[] s = take();
        System.arraycopy(s, 0, sharedSecret, offset, s.length);
        Arrays.fill(s, (byte) 0);
        return s.length;
    }

    @Override
    protected SecretKey engineGenerateSecret(String algorithm) {
        byte[] s = take();
        try {
            return new SecretKeySpec(s, algorithm);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    private byte[] take() {
        if (secret == null) {
            throw new IllegalStateException("doPhase first");
        }
        byte[] s = secret;
        secret = null;
        return s;
    }

    private void wipe() {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
            secret = null;
        }
    }
}

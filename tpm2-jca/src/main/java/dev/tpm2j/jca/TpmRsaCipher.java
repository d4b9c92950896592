package dev.tpm2j.jca;

import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Cipher "RSA" (modes ECB/NONE; PKCS1Padding, OAEPPadding, OAEPWithSHA-1/256/384AndMGF1Padding) decrypting with
 * TPM2_RSA_Decrypt; decryption (and unwrapping) only — encrypt with the public key through a JDK provider. The TPM
 * runs MGF1 with the OAEP digest, so "OAEPWithSHA-256AndMGF1Padding" here means MGF1-SHA-256 (as OpenSSL and Bouncy
 * Castle read it; SunJCE's default for that name is MGF1-SHA-1, which the TPM cannot do). An OAEP label must be empty
 * or end in a zero byte (the TPM terminates labels with one).
 */
final class TpmRsaCipher extends CipherSpi {
    private boolean oaep;
    private String oaepDigest = "SHA-1";
    private byte[] label = new byte[0];
    private TpmRsaPrivateKey key;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
        if (!mode.equalsIgnoreCase("ECB") && !mode.equalsIgnoreCase("NONE")) {
            throw new NoSuchAlgorithmException("RSA has no mode " + mode);
        }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        String p = padding.toUpperCase(Locale.ROOT);
        switch (p) {
            case "PKCS1PADDING" -> oaep = false;
            case "OAEPPADDING", "OAEPWITHSHA-1ANDMGF1PADDING", "OAEPWITHSHA1ANDMGF1PADDING" -> {
                oaep = true;
                oaepDigest = "SHA-1";
            }
            case "OAEPWITHSHA-256ANDMGF1PADDING" -> {
                oaep = true;
                oaepDigest = "SHA-256";
            }
            case "OAEPWITHSHA-384ANDMGF1PADDING" -> {
                oaep = true;
                oaepDigest = "SHA-384";
            }
            default -> throw new NoSuchPaddingException("unsupported padding " + padding);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return 0;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        return key == null ? inputLen : (key.getModulus().bitLength() + 7) / 8;
    }

    @Override
    protected byte[] engineGetIV() {
        return null;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (!oaep) {
            return null;
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("OAEP");
            ap.init(new OAEPParameterSpec(oaepDigest, "MGF1", new MGF1ParameterSpec(oaepDigest),
                    new PSource.PSpecified(label)));
            return ap;
        } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
            throw new ProviderException("cannot encode OAEP parameters", e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key k, SecureRandom random) throws InvalidKeyException {
        if (opmode != Cipher.DECRYPT_MODE && opmode != Cipher.UNWRAP_MODE) {
            throw new InvalidKeyException("TPM2J decrypts only; encrypt with the public key through a JDK provider");
        }
        if (!(k instanceof TpmRsaPrivateKey rsa)) {
            throw new InvalidKeyException("not a TPM2J RSA key: " + (k == null ? "null" : k.getClass().getName()));
        }
        if (!rsa.canDecrypt()) {
            throw new InvalidKeyException("the TPM key is not a decryption key (made without Purpose.DECRYPT)");
        }
        key = rsa;
        buffer.reset();
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            if (!oaep || !(params instanceof OAEPParameterSpec o)) {
                throw new InvalidAlgorithmParameterException("only OAEPParameterSpec, with OAEP padding");
            }
            if (TpmSignature.tpmHash(o.getDigestAlgorithm()) < 0 && !o.getDigestAlgorithm().equalsIgnoreCase("SHA-1")) {
                throw new InvalidAlgorithmParameterException("unsupported OAEP digest " + o.getDigestAlgorithm());
            }
            if (!(o.getMGFParameters() instanceof MGF1ParameterSpec m)
                    || !m.getDigestAlgorithm().replace("-", "").equalsIgnoreCase(o.getDigestAlgorithm()
                    .replace("-", ""))) {
                throw new InvalidAlgorithmParameterException("the TPM uses MGF1 with the OAEP digest");
            }
            byte[] l = o.getPSource() instanceof PSource.PSpecified p ? p.getValue() : new byte[0];
            if (l.length > 0 && l[l.length - 1] != 0) {
                throw new InvalidAlgorithmParameterException("the TPM adds a zero byte to the OAEP label; give a "
                        + "label that ends in 0x00 (or none)");
            }
            oaepDigest = o.getDigestAlgorithm();
            label = l;
        }
        engineInit(opmode, k, random);
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        try {
            engineInit(opmode, k, params == null ? null : params.getParameterSpec(OAEPParameterSpec.class), random);
        } catch (InvalidParameterSpecException e) {
            throw new InvalidAlgorithmParameterException(e);
        }
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int offset, int len) {
        buffer.write(input, offset, len);
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outputOffset) {
        buffer.write(input, offset, len);
        return 0;
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int offset, int len)
            throws IllegalBlockSizeException, BadPaddingException {
        if (key == null) {
            throw new IllegalStateException("not initialized");
        }
        if (input != null) {
            buffer.write(input, offset, len);
        }
        byte[] cipherText = buffer.toByteArray();
        buffer.reset();
        int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
        if (cipherText.length > modulusBytes) {
            throw new IllegalBlockSizeException("at most " + modulusBytes + " bytes of ciphertext");
        }
        int scheme = oaep ? TpmAlgId.OAEP : TpmAlgId.RSAES;
        int hash = oaep ? tpmHashOrSha1(oaepDigest) : TpmAlgId.NULL;
        try {
            Bytes out = key.service().rsaDecrypt(key, Bytes.of(cipherText), scheme, hash, Bytes.of(label));
            return out.toByteArray();
        } catch (TpmResponseException e) {
            if (e.is(TpmRc.VALUE) || e.is(TpmRc.SIZE)) {
                throw (BadPaddingException) new BadPaddingException("decryption failed").initCause(e);
            }
            throw new ProviderException("TPM2_RSA_Decrypt failed: " + e.getMessage(), e);
        } catch (TpmException e) {
            throw new ProviderException("TPM2_RSA_Decrypt failed: " + e.getMessage(), e);
        }
    }

    private static int tpmHashOrSha1(String name) {
        int h = TpmSignature.tpmHash(name);
        return h >= 0 ? h : TpmAlgId.SHA1;
    }

    @Override
    protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        byte[] out = engineDoFinal(input, offset, len);
        try {
            if (output.length - outputOffset < out.length) {
                throw new ShortBufferException("needs " + out.length + " bytes");
            }
            System.arraycopy(out, 0, output, outputOffset, out.length);
            return out.length;
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    @Override
    protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
            throws InvalidKeyException, NoSuchAlgorithmException {
        if (wrappedKeyType != Cipher.SECRET_KEY) {
            throw new InvalidKeyException("unwraps secret keys only");
        }
        try {
            byte[] k = engineDoFinal(wrappedKey, 0, wrappedKey.length);
            try {
                return new javax.crypto.spec.SecretKeySpec(k, wrappedKeyAlgorithm);
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            throw new InvalidKeyException("cannot unwrap: " + e.getMessage(), e);
        }
    }

    @Override
    protected int engineGetKeySize(Key k) throws InvalidKeyException {
        if (k instanceof TpmRsaPrivateKey rsa) {
            return rsa.getModulus().bitLength();
        }
        throw new InvalidKeyException("not a TPM2J RSA key");
    }
}

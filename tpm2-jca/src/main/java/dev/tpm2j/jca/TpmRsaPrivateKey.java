package dev.tpm2j.jca;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import java.math.BigInteger;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA private key in the TPM. It is an {@link RSAKey} (the modulus is public; JSSE reads the key size from it) but
 * not an {@link java.security.interfaces.RSAPrivateKey}: there is no private exponent to give.
 */
public final class TpmRsaPrivateKey extends TpmPrivateKey implements RSAKey {
    private static final long serialVersionUID = 1L;

    TpmRsaPrivateKey(TpmKeyService service, TpmtPublic publicArea, Bytes privateBlob, Bytes parentName,
                     byte[] authValue) {
        super(service, publicArea, privateBlob, parentName, authValue);
    }

    /** "RSA". */
    @Override
    public String getAlgorithm() {
        return "RSA";
    }

    /** The public modulus. */
    @Override
    public BigInteger getModulus() {
        return ((RSAPublicKey) publicKey()).getModulus();
    }
}

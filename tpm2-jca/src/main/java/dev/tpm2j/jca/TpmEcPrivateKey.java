package dev.tpm2j.jca;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;

/**
 * An EC private key in the TPM. It is an {@link ECKey} (the curve is public; JSSE picks the signature scheme by it)
 * but not an {@link java.security.interfaces.ECPrivateKey}: there is no scalar to give.
 */
public final class TpmEcPrivateKey extends TpmPrivateKey implements ECKey {
    private static final long serialVersionUID = 1L;

    TpmEcPrivateKey(TpmKeyService service, TpmtPublic publicArea, Bytes privateBlob, Bytes parentName,
                    byte[] authValue) {
        super(service, publicArea, privateBlob, parentName, authValue);
    }

    /** "EC". */
    @Override
    public String getAlgorithm() {
        return "EC";
    }

    /** The curve. */
    @Override
    public ECParameterSpec getParams() {
        return ((ECPublicKey) publicKey()).getParams();
    }
}

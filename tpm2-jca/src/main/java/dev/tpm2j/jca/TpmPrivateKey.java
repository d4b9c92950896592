package dev.tpm2j.jca;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key that lives in a TPM: the object's public area and its private part as wrapped by the storage root
 * key (a blob only that TPM can load), never the key material. {@link #getEncoded()} and {@link #getFormat()} are
 * {@code null} (the key cannot be exported), and the key cannot be serialized. It is bound to the {@code TPM2J}
 * provider instance that created or loaded it; use it with that provider's Signature, KeyAgreement and Cipher.
 * {@link #destroy()} wipes the authValue this object holds.
 */
public abstract sealed class TpmPrivateKey implements PrivateKey permits TpmRsaPrivateKey, TpmEcPrivateKey {
    private static final long serialVersionUID = 1L;

    private final transient TpmKeyService service;
    private final transient TpmtPublic publicArea;
    private final transient Bytes privateBlob;
    private final transient Bytes parentName;
    private final transient PublicKey publicKey;
    private final transient byte[] authValue;
    private transient volatile boolean destroyed;

    TpmPrivateKey(TpmKeyService service, TpmtPublic publicArea, Bytes privateBlob, Bytes parentName,
                  byte[] authValue) {
        this.service = Objects.requireNonNull(service);
        this.publicArea = publicArea;
        this.privateBlob = privateBlob;
        this.parentName = parentName;
        this.publicKey = PublicKeys.toJca(publicArea);
        this.authValue = authValue.clone();
    }

    /** A key of the right subclass for {@code publicArea} (RSA or ECC). */
    static TpmPrivateKey of(TpmKeyService service, TpmtPublic publicArea, Bytes privateBlob, Bytes parentName,
                            byte[] authValue) {
        return switch (publicArea.type()) {
            case TpmAlgId.RSA -> new TpmRsaPrivateKey(service, publicArea, privateBlob, parentName, authValue);
            case TpmAlgId.ECC -> new TpmEcPrivateKey(service, publicArea, privateBlob, parentName, authValue);
            default -> throw new IllegalArgumentException("not an RSA or ECC key: " + TpmAlgId.name(publicArea.type()));
        };
    }

    /** The matching public key, an ordinary JDK key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The TPM public area (TPMT_PUBLIC): type, attributes, parameters and public point or modulus. */
    public TpmtPublic publicArea() {
        return publicArea;
    }

    /** The object's TPM name (nameAlg ‖ H(public area)), e.g. to match a TPM2_Certify statement. */
    public Bytes name() {
        return Names.object(publicArea);
    }

    /** Whether the TPM lets this key sign (TPMA_OBJECT sign). */
    public boolean canSign() {
        return publicArea.objectAttributes().has(TpmaObject.SIGN_ENCRYPT);
    }

    /** Whether the TPM lets this key decrypt or agree keys (TPMA_OBJECT decrypt). */
    public boolean canDecrypt() {
        return publicArea.objectAttributes().has(TpmaObject.DECRYPT);
    }

    /** No encoding: the private key never leaves the TPM. */
    @Override
    public final String getFormat() {
        return null;
    }

    /** No encoding: the private key never leaves the TPM. */
    @Override
    public final byte[] getEncoded() {
        return null;
    }

    /** Wipes the authValue held by this object; the key can no longer be used through it. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(authValue, (byte) 0);
    }

    /** Whether {@link #destroy()} was called. */
    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    TpmKeyService service() {
        return service;
    }

    Bytes privateBlob() {
        return privateBlob;
    }

    Bytes parentName() {
        return parentName;
    }

    /** A copy of the authValue (the caller wipes it). */
    byte[] authValue() {
        if (destroyed) {
            throw new IllegalStateException("the key was destroyed");
        }
        return authValue.clone();
    }

    /** Same TPM object (public area and wrapped private part) under the same parent. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TpmPrivateKey k && k.privateBlob.equals(privateBlob) && k.publicArea.equals(publicArea)
                && k.parentName.equals(parentName);
    }

    @Override
    public int hashCode() {
        return privateBlob.hashCode();
    }

    /** The algorithm and the TPM name; never secrets. */
    @Override
    public String toString() {
        return "TPM2J " + getAlgorithm() + " private key " + name().toHex();
    }

    private Object writeReplace() throws ObjectStreamException {
        throw new NotSerializableException("a TPM key is bound to its TPM connection; store it in a TPM2 KeyStore");
    }
}

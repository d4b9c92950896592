package dev.tpm2j.jca;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the {@code TPM2J} KeyPairGenerator makes a key: the key parameters ({@link RSAKeyGenParameterSpec} or
 * {@link ECGenParameterSpec}), what the TPM lets the key do, and an optional password that becomes the key's
 * authValue (UTF-8, at most 32 bytes; the same password opens the key from a {@code TPM2} KeyStore).
 *
 * <pre>{@code
 * kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec("secp256r1"), Purpose.DECRYPT, pw));
 * }</pre>
 */
public final class TpmKeyGenParameterSpec implements AlgorithmParameterSpec {
    /** What the key may do: TPMA_OBJECT sign, or decrypt (RSA decryption, ECDH). */
    public enum Purpose {
        /** Signatures (TPMA_OBJECT sign). */
        SIGN,
        /** RSA decryption and ECDH key agreement (TPMA_OBJECT decrypt). */
        DECRYPT
    }

    private final AlgorithmParameterSpec keyParams;
    private final Purpose purpose;
    private final char[] password;

    /**
     * A spec for a key with {@code keyParams}, made for {@code purpose}, with {@code password} as its authValue
     * ({@code null} or empty: none). The password is copied; {@link #clearPassword()} wipes the copy.
     */
    public TpmKeyGenParameterSpec(AlgorithmParameterSpec keyParams, Purpose purpose, char[] password) {
        if (!(keyParams instanceof RSAKeyGenParameterSpec) && !(keyParams instanceof ECGenParameterSpec)) {
            throw new IllegalArgumentException("key parameters must be RSAKeyGenParameterSpec or ECGenParameterSpec");
        }
        this.keyParams = keyParams;
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.password = password == null ? new char[0] : password.clone();
    }

    /** A signing key with {@code keyParams} and no password. */
    public TpmKeyGenParameterSpec(AlgorithmParameterSpec keyParams) {
        this(keyParams, Purpose.SIGN, null);
    }

    /** The key parameters. */
    public AlgorithmParameterSpec keyParams() {
        return keyParams;
    }

    /** What the key may do. */
    public Purpose purpose() {
        return purpose;
    }

    /** A copy of the password (empty: none). */
    public char[] password() {
        return password.clone();
    }

    /** Wipes this spec's copy of the password. */
    public void clearPassword() {
        Arrays.fill(password, '\0');
    }
}

package dev.tpm2j.ek;

import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.types.TpmsEccPoint;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

final class EcKeys {
    private EcKeys() {
    }

    /** A valid P-256 point (a fresh public key) as a TPM unique field. */
    static TpmsEccPoint somePoint() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
            return new TpmsEccPoint(PublicKeys.fixedWidth(k.getW().getAffineX(), 32),
                    PublicKeys.fixedWidth(k.getW().getAffineY(), 32));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

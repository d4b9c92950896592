package dev.tpm2j.ek;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex and fingerprint helpers. */
final class Hex {
    private Hex() {
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String sha256(byte[] b) {
        try {
            return of(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.tpm2j.core.crypto;

import dev.tpm2j.core.types.TpmAlgId;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Maps TPM hash algorithm ids to JDK digests and HMACs. */
public final class TpmHash {
    private TpmHash() {
    }

    /** JCA name of a TPM hash algorithm. */
    public static String jcaName(int hashAlg) {
        return switch (hashAlg) {
            case TpmAlgId.SHA1 -> "SHA-1";
            case TpmAlgId.SHA256 -> "SHA-256";
            case TpmAlgId.SHA384 -> "SHA-384";
            case TpmAlgId.SHA512 -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported hash algorithm " + TpmAlgId.name(hashAlg));
        };
    }

    public static MessageDigest digest(int hashAlg) {
        try {
            return MessageDigest.getInstance(jcaName(hashAlg));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName(hashAlg), e);
        }
    }

    /** H(parts[0] || parts[1] || …). */
    public static byte[] hash(int hashAlg, byte[]... parts) {
        MessageDigest md = digest(hashAlg);
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** An HMAC keyed with {@code key}; an empty key is allowed (the TPM uses it for unbound, unsalted sessions). */
    public static Mac hmac(int hashAlg, byte[] key) {
        String name = "Hmac" + jcaName(hashAlg).replace("-", "");
        try {
            Mac mac = Mac.getInstance(name);
            // SecretKeySpec refuses an empty key; HMAC with an empty key equals HMAC with one zero byte block,
            // so a single 0x00 byte gives the same result (keys are zero-padded to the block size).
            byte[] k = key.length == 0 ? new byte[1] : key;
            mac.init(new SecretKeySpec(k, name));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    /** HMAC(key, parts[0] || parts[1] || …). */
    public static byte[] hmac(int hashAlg, byte[] key, byte[]... parts) {
        Mac mac = hmac(hashAlg, key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    public static int digestSize(int hashAlg) {
        int n = TpmAlgId.digestSize(hashAlg);
        if (n <= 0 || !TpmAlgId.isHash(hashAlg)) {
            throw new IllegalArgumentException("unsupported hash algorithm " + TpmAlgId.name(hashAlg));
        }
        return n;
    }
}

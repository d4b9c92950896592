package dev.tpm2j.core.crypto;

import dev.tpm2j.core.types.TpmAlgId;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread JCA engines (an HMAC per hash, AES-CFB, RSA-OAEP, the RSA key factory) for the hot paths —
 * MakeCredential, salted sessions, KDFa, session parameter encryption — so they do not look up a provider and build
 * a new engine on every call (profiled: the look-ups were about a third of a MakeCredential). An engine is borrowed,
 * keyed by the caller and handed back; handing back re-keys a secret-keyed engine with an all-zero key, so no secret
 * and no key-derived state outlives the call in the cache (the RSA-OAEP engine holds only the public key: the JDK
 * clears its input and padding buffers after each encryption). A borrow that finds the slot empty (nested use on
 * one thread) simply gets a fresh engine.
 */
final class CryptoEngines {
    private static final ThreadLocal<CryptoEngines> LOCAL = ThreadLocal.withInitial(CryptoEngines::new);
    private static final byte[] ZERO_BLOCK = new byte[16];
    private static final SecretKeySpec ZERO_AES_KEY = new SecretKeySpec(new byte[16], "AES");
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(ZERO_BLOCK);

    /** HMAC engines by hash: SHA-1, SHA-256, SHA-384, SHA-512. */
    private final Mac[] macs = new Mac[4];
    private Cipher aesCfb;
    private Cipher rsaOaep;
    private KeyFactory rsaKeys;

    private CryptoEngines() {
    }

    private static int slot(int hashAlg) {
        return switch (hashAlg) {
            case TpmAlgId.SHA1 -> 0;
            case TpmAlgId.SHA256 -> 1;
            case TpmAlgId.SHA384 -> 2;
            case TpmAlgId.SHA512 -> 3;
            default -> throw new IllegalArgumentException("unsupported hash algorithm " + TpmAlgId.name(hashAlg));
        };
    }

    private static String macName(int hashAlg) {
        return "Hmac" + TpmHash.jcaName(hashAlg).replace("-", "");
    }

    /** An HMAC engine for {@code hashAlg} keyed with {@code key} (empty allowed); give it back with {@link #release}. */
    static Mac borrowMac(int hashAlg, byte[] key) {
        int slot = slot(hashAlg);
        CryptoEngines local = LOCAL.get();
        Mac mac = local.macs[slot];
        local.macs[slot] = null;
        String name = macName(hashAlg);
        try {
            if (mac == null) {
                mac = Mac.getInstance(name);
            }
            rekey(mac, key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    /** Re-keys a borrowed HMAC engine (e.g. from the KDF's seed to the derived integrity key). */
    static void rekey(Mac mac, byte[] key) {
        // SecretKeySpec refuses an empty key; HMAC with an empty key equals HMAC with one zero byte (keys are
        // zero-padded to the block size).
        try {
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot key " + mac.getAlgorithm() + ": " + e.getMessage(), e);
        }
    }

    /** Hands a borrowed HMAC engine back, first re-keying it with a zero key so the caller's key is gone. */
    static void release(int hashAlg, Mac mac) {
        if (mac == null) {
            return;
        }
        rekey(mac, ZERO_BLOCK);
        LOCAL.get().macs[slot(hashAlg)] = mac;
    }

    /** AES in CFB mode with full-block feedback, on this thread's engine, which is scrubbed before it is kept. */
    static byte[] aesCfb(int mode, byte[] key, byte[] iv, byte[] data) {
        CryptoEngines local = LOCAL.get();
        Cipher c = local.aesCfb;
        local.aesCfb = null;
        try {
            if (c == null) {
                c = Cipher.getInstance("AES/CFB/NoPadding");
            }
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] out = c.doFinal(data);
            // Overwrite the key schedule and the feedback register (whose last keystream block would reveal the
            // last plaintext block) by one block under the zero key.
            c.init(Cipher.ENCRYPT_MODE, ZERO_AES_KEY, ZERO_IV);
            c.doFinal(ZERO_BLOCK);
            local.aesCfb = c;
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CFB unavailable: " + e.getMessage(), e);
        }
    }

    /** An RSA-OAEP engine (to be initialised with the caller's public key); hand it back with {@link #release}. */
    static Cipher borrowRsaOaep() throws GeneralSecurityException {
        CryptoEngines local = LOCAL.get();
        Cipher c = local.rsaOaep;
        local.rsaOaep = null;
        return c != null ? c : Cipher.getInstance("RSA/ECB/OAEPPadding");
    }

    /** Hands back an RSA-OAEP engine after a successful encryption (it then holds only a public key). */
    static void release(Cipher rsaOaep) {
        LOCAL.get().rsaOaep = rsaOaep;
    }

    /** The JCA RSA public key (n, e), from this thread's key factory. */
    static PublicKey rsaPublicKey(BigInteger modulus, BigInteger exponent) throws GeneralSecurityException {
        CryptoEngines local = LOCAL.get();
        if (local.rsaKeys == null) {
            local.rsaKeys = KeyFactory.getInstance("RSA");
        }
        return local.rsaKeys.generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    /** This thread's kept HMAC engine for {@code hashAlg}, or null (tests check that it holds no caller key). */
    static Mac keptMac(int hashAlg) {
        return LOCAL.get().macs[slot(hashAlg)];
    }

    /** This thread's kept AES-CFB engine, or null (tests check that it holds no caller key). */
    static Cipher keptAesCfb() {
        return LOCAL.get().aesCfb;
    }
}

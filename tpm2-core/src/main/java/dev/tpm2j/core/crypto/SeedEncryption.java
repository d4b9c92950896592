package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Secret sharing with a TPM key (Part 1 §11.4.9–11.4.10, Annex B/C): a fresh seed of the key's name-algorithm size,
 * encrypted with RSA-OAEP (label with its terminating zero) or agreed by ephemeral ECDH and KDFe. Used with label
 * "IDENTITY" by MakeCredential and "SECRET" by salted sessions.
 */
public final class SeedEncryption {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SeedEncryption() {
    }

    /** A seed (the caller wipes it) and its encrypted form for the TPM2B_ENCRYPTED_SECRET. */
    public record Seed(byte[] seed, Bytes encryptedSecret) {
        public void wipe() {
            Arrays.fill(seed, (byte) 0);
        }

        @Override
        public String toString() {
            return "Seed[(" + seed.length + " secret bytes), encryptedSecret=" + encryptedSecret.size() + " bytes]";
        }
    }

    /** Creates a seed for {@code key} (RSA or ECC public area) bound to {@code label} ("IDENTITY", "SECRET"…). */
    public static Seed create(TpmtPublic key, String label) {
        int nameAlg = key.nameAlg();
        int size = TpmHash.digestSize(nameAlg);
        try {
            if (key.type() == TpmAlgId.RSA) {
                byte[] seed = new byte[size];
                RANDOM.nextBytes(seed);
                return new Seed(seed, Bytes.of(rsaOaep(rsaKey(key), nameAlg, label, seed)));
            }
            if (key.type() == TpmAlgId.ECC) {
                return ecdh(key, label);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt a seed to this key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("seeds are encrypted to RSA or ECC keys, not " + TpmAlgId.name(key.type()));
    }

    /** The JCA key of an RSA public area, from the thread's key factory (no provider look-up per seed). */
    private static PublicKey rsaKey(TpmtPublic key) throws GeneralSecurityException {
        TpmsRsaParms p = (TpmsRsaParms) key.parameters();
        BigInteger n = new BigInteger(1, ((Tpm2bPublicKeyRsa) key.unique()).buffer().toByteArray());
        return CryptoEngines.rsaPublicKey(n, BigInteger.valueOf(p.effectiveExponent()));
    }

    /** RSA-OAEP with hash = MGF1 hash = {@code hashAlg} and label = {@code label} plus its terminating zero. */
    public static byte[] rsaOaep(PublicKey key, int hashAlg, String label, byte[] plaintext)
            throws GeneralSecurityException {
        String hash = TpmHash.jcaName(hashAlg);
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] withZero = Arrays.copyOf(l, l.length + 1);
        Cipher c = CryptoEngines.borrowRsaOaep();
        c.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                new PSource.PSpecified(withZero)), RANDOM);
        byte[] out = c.doFinal(plaintext);
        CryptoEngines.release(c);
        return out;
    }

    private static Seed ecdh(TpmtPublic key, String label) throws GeneralSecurityException {
        TpmsEccParms p = (TpmsEccParms) key.parameters();
        int width = TpmEccCurve.coordinateSize(p.curveId());
        ECPublicKey tpmKey = (ECPublicKey) PublicKeys.toJca(key);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(tpmKey.getParams(), RANDOM);
        KeyPair eph = g.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(eph.getPrivate());
        ka.doPhase(tpmKey, true);
        byte[] z = fixed(new BigInteger(1, ka.generateSecret()), width);
        ECPublicKey ephPub = (ECPublicKey) eph.getPublic();
        byte[] ex = fixed(ephPub.getW().getAffineX(), width);
        byte[] ey = fixed(ephPub.getW().getAffineY(), width);
        byte[] kx = ((TpmsEccPoint) key.unique()).x().toByteArray();
        byte[] seed = Kdf.kdfe(key.nameAlg(), z, label, ex, fixed(new BigInteger(1, kx), width),
                8 * TpmHash.digestSize(key.nameAlg()));
        Arrays.fill(z, (byte) 0);
        TpmWriter w = new TpmWriter();
        new TpmsEccPoint(Bytes.of(ex), Bytes.of(ey)).marshal(w);
        return new Seed(seed, w.toBytes());
    }

    private static byte[] fixed(BigInteger v, int width) {
        return PublicKeys.fixedWidth(v, width).toByteArray();
    }
}

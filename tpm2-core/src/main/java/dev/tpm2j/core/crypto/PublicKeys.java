package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/** Converts between TPM public areas and JCA public keys (RSA and NIST ECC), and compares them. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** The JCA key of an RSA or ECC public area; {@link IllegalArgumentException} for other types or curves. */
    public static PublicKey toJca(TpmtPublic pub) {
        try {
            if (pub.type() == TpmAlgId.RSA) {
                TpmsRsaParms p = (TpmsRsaParms) pub.parameters();
                BigInteger n = new BigInteger(1, ((Tpm2bPublicKeyRsa) pub.unique()).buffer().toByteArray());
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(n, BigInteger.valueOf(p.effectiveExponent())));
            }
            if (pub.type() == TpmAlgId.ECC) {
                TpmsEccParms p = (TpmsEccParms) pub.parameters();
                TpmsEccPoint q = (TpmsEccPoint) pub.unique();
                ECPoint w = new ECPoint(new BigInteger(1, q.x().toByteArray()), new BigInteger(1, q.y().toByteArray()));
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve(p.curveId())));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no JCA key for object type " + TpmAlgId.name(pub.type()));
    }

    /** JCA parameters of a TPM curve (NIST P-256/384/521). */
    public static ECParameterSpec curve(int curveId) throws GeneralSecurityException {
        String name = switch (curveId) {
            case TpmEccCurve.NIST_P256 -> "secp256r1";
            case TpmEccCurve.NIST_P384 -> "secp384r1";
            case TpmEccCurve.NIST_P521 -> "secp521r1";
            default -> throw new IllegalArgumentException("unsupported curve " + TpmEccCurve.name(curveId));
        };
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(name));
        return ap.getParameterSpec(ECParameterSpec.class);
    }

    /** The TPM curve id of a JCA EC key's curve, by field size (P-256/384/521), or -1. */
    public static int curveId(ECPublicKey key) {
        return switch (key.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> TpmEccCurve.NIST_P256;
            case 384 -> TpmEccCurve.NIST_P384;
            case 521 -> TpmEccCurve.NIST_P521;
            default -> -1;
        };
    }

    /**
     * Whether a JCA public key (e.g. from a certificate) is the same key as a TPM public area: same modulus and
     * exponent, or same curve and point.
     */
    public static boolean sameKey(PublicKey key, TpmtPublic pub) {
        if (key instanceof RSAPublicKey rsa && pub.type() == TpmAlgId.RSA) {
            TpmsRsaParms p = (TpmsRsaParms) pub.parameters();
            BigInteger n = new BigInteger(1, ((Tpm2bPublicKeyRsa) pub.unique()).buffer().toByteArray());
            return rsa.getModulus().equals(n) && rsa.getPublicExponent().equals(BigInteger.valueOf(p.effectiveExponent()));
        }
        if (key instanceof ECPublicKey ec && pub.type() == TpmAlgId.ECC) {
            TpmsEccParms p = (TpmsEccParms) pub.parameters();
            TpmsEccPoint q = (TpmsEccPoint) pub.unique();
            return curveId(ec) == p.curveId()
                    && ec.getW().getAffineX().equals(new BigInteger(1, q.x().toByteArray()))
                    && ec.getW().getAffineY().equals(new BigInteger(1, q.y().toByteArray()));
        }
        return false;
    }

    /**
     * The TPM public area of a JCA key under {@code template} (e.g. an EK certificate's key with the EK template it
     * implies): the template with its unique field replaced by the key.
     */
    public static TpmtPublic withKey(TpmtPublic template, PublicKey key) {
        if (key instanceof RSAPublicKey rsa && template.type() == TpmAlgId.RSA) {
            TpmsRsaParms p = (TpmsRsaParms) template.parameters();
            if (!rsa.getPublicExponent().equals(BigInteger.valueOf(p.effectiveExponent()))) {
                throw new IllegalArgumentException("the key's exponent does not match the template");
            }
            if (rsa.getModulus().bitLength() > p.keyBits() || rsa.getModulus().bitLength() < p.keyBits() - 8) {
                throw new IllegalArgumentException("an RSA-" + rsa.getModulus().bitLength() + " key does not fit an RSA-"
                        + p.keyBits() + " template");
            }
            return template.withUnique(new Tpm2bPublicKeyRsa(fixedWidth(rsa.getModulus(), p.keyBits() / 8)));
        }
        if (key instanceof ECPublicKey ec && template.type() == TpmAlgId.ECC) {
            TpmsEccParms p = (TpmsEccParms) template.parameters();
            if (curveId(ec) != p.curveId()) {
                throw new IllegalArgumentException("the key's curve does not match the template's "
                        + TpmEccCurve.name(p.curveId()));
            }
            int w = TpmEccCurve.coordinateSize(p.curveId());
            return template.withUnique(new TpmsEccPoint(fixedWidth(ec.getW().getAffineX(), w),
                    fixedWidth(ec.getW().getAffineY(), w)));
        }
        throw new IllegalArgumentException("a " + key.getAlgorithm() + " key does not fit a "
                + TpmAlgId.name(template.type()) + " template");
    }

    /** A big integer as exactly {@code size} unsigned big-endian bytes (the TPM's fixed-width coordinates). */
    public static Bytes fixedWidth(BigInteger v, int size) {
        byte[] raw = v.toByteArray();
        if (raw.length == size) {
            return Bytes.of(raw);
        }
        if (raw.length == size + 1 && raw[0] == 0) {
            return Bytes.of(Arrays.copyOfRange(raw, 1, raw.length));
        }
        if (raw.length > size) {
            throw new IllegalArgumentException("value does not fit in " + size + " bytes");
        }
        byte[] out = new byte[size];
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return Bytes.of(out);
    }
}

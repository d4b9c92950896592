package dev.tpm2j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtPublic;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAKeyGenParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * JCA key ⇄ TPM public area: keys round-trip, "same key" means same modulus and exponent or same curve and point
 * (each part checked on its own), keys that do not fit a template are refused with the reason, and fixed-width
 * coordinates are padded, stripped of a sign byte, or refused when too long.
 */
class PublicKeysTest {
    static final KeyPair RSA = CryptoRefusalsTest.RSA;
    static final KeyPair OTHER = CryptoRefusalsTest.pair("RSA", new RSAKeyGenParameterSpec(2048,
            RSAKeyGenParameterSpec.F4));
    static final RSAPublicKey E3 = (RSAPublicKey) CryptoRefusalsTest.pair("RSA",
            new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(3))).getPublic();
    static final KeyPair P256 = CryptoRefusalsTest.pair("EC", new ECGenParameterSpec("secp256r1"));
    static final KeyPair P384 = CryptoRefusalsTest.pair("EC", new ECGenParameterSpec("secp384r1"));
    static final KeyPair P521 = CryptoRefusalsTest.pair("EC", new ECGenParameterSpec("secp521r1"));

    /** An EC key on a curve over a 192-bit field (P-192's prime; the rest of the curve does not matter here). */
    static ECPublicKey onA192BitField(ECPublicKey like) {
        BigInteger p = BigInteger.TWO.pow(192).subtract(BigInteger.TWO.pow(64)).subtract(BigInteger.ONE);
        ECParameterSpec spec = new ECParameterSpec(new EllipticCurve(new ECFieldFp(p), BigInteger.ONE, BigInteger.ONE),
                new ECPoint(BigInteger.ONE, BigInteger.ONE), BigInteger.valueOf(7), 1);
        return new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return like.getW();
            }

            @Override
            public ECParameterSpec getParams() {
                return spec;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
    }

    @Test
    void keysRoundTripThroughTheirPublicArea() {
        TpmtPublic rsa = PublicKeys.withKey(EkTemplates.L1_RSA2048, RSA.getPublic());
        assertEquals(256, ((Tpm2bPublicKeyRsa) rsa.unique()).buffer().size());
        assertEquals(RSA.getPublic(), PublicKeys.toJca(rsa));
        TpmtPublic ecc = PublicKeys.withKey(EkTemplates.L2_ECC_P256, P256.getPublic());
        assertEquals(32, ((TpmsEccPoint) ecc.unique()).x().size());
        assertEquals(32, ((TpmsEccPoint) ecc.unique()).y().size());
        assertEquals(P256.getPublic(), PublicKeys.toJca(ecc));
        assertEquals(P521.getPublic(), PublicKeys.toJca(PublicKeys.withKey(EkTemplates.H4_ECC_P521,
                P521.getPublic())));
        assertEquals("no JCA key for object type TPM_ALG_KEYEDHASH", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.toJca(CryptoRefusalsTest.KEYED_HASH)).getMessage());
    }

    @Test
    void curvesByIdAndById() throws Exception {
        assertEquals(TpmEccCurve.NIST_P256, PublicKeys.curveId((ECPublicKey) P256.getPublic()));
        assertEquals(TpmEccCurve.NIST_P384, PublicKeys.curveId((ECPublicKey) P384.getPublic()));
        assertEquals(TpmEccCurve.NIST_P521, PublicKeys.curveId((ECPublicKey) P521.getPublic()));
        assertEquals(-1, PublicKeys.curveId(onA192BitField((ECPublicKey) P256.getPublic())));
        assertEquals(((ECPublicKey) P384.getPublic()).getParams().getCurve(),
                PublicKeys.curve(TpmEccCurve.NIST_P384).getCurve());
        assertEquals("unsupported curve BN_P256", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.curve(TpmEccCurve.BN_P256)).getMessage());
    }

    @Test
    void sameKeyComparesEveryPart() {
        TpmtPublic rsa = PublicKeys.withKey(EkTemplates.L1_RSA2048, RSA.getPublic());
        assertTrue(PublicKeys.sameKey(RSA.getPublic(), rsa));
        assertFalse(PublicKeys.sameKey(OTHER.getPublic(), rsa), "another modulus");
        RSAPublicKey e3 = E3;
        TpmtPublic e3Area = rsa.withUnique(new Tpm2bPublicKeyRsa(PublicKeys.fixedWidth(e3.getModulus(), 256)));
        assertFalse(PublicKeys.sameKey(e3, e3Area), "same modulus, exponent 3 against the template's 65537");
        assertFalse(PublicKeys.sameKey(P256.getPublic(), rsa), "an EC key is not an RSA area");

        TpmtPublic ecc = PublicKeys.withKey(EkTemplates.L2_ECC_P256, P256.getPublic());
        assertTrue(PublicKeys.sameKey(P256.getPublic(), ecc));
        assertFalse(PublicKeys.sameKey(RSA.getPublic(), ecc), "an RSA key is not an ECC area");
        TpmsEccPoint q = (TpmsEccPoint) ecc.unique();
        Bytes other = PublicKeys.fixedWidth(new BigInteger(1, q.x().toByteArray()).add(BigInteger.ONE), 32);
        assertFalse(PublicKeys.sameKey(P256.getPublic(), ecc.withUnique(new TpmsEccPoint(other, q.y()))), "x");
        assertFalse(PublicKeys.sameKey(P256.getPublic(), ecc.withUnique(new TpmsEccPoint(q.x(), other))), "y");
        TpmsEccParms p = (TpmsEccParms) ecc.parameters();
        TpmtPublic otherCurve = new TpmtPublic(ecc.type(), ecc.nameAlg(), ecc.objectAttributes(), ecc.authPolicy(),
                new TpmsEccParms(p.symmetric(), p.scheme(), TpmEccCurve.NIST_P384, p.kdf()), q);
        assertFalse(PublicKeys.sameKey(P256.getPublic(), otherCurve), "same point, another curve");
    }

    @Test
    void aKeyThatDoesNotFitItsTemplateIsRefused() {
        RSAPublicKey e3 = E3;
        assertEquals("the key's exponent does not match the template", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.withKey(EkTemplates.L1_RSA2048, e3)).getMessage());
        assertEquals("an RSA-2049 key does not fit an RSA-2048 template", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaOfBits(2049))).getMessage());
        assertEquals(256, ((Tpm2bPublicKeyRsa) PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaOfBits(2048)).unique())
                .buffer().size());
        // a modulus may be up to 8 bits short of the template's size (leading zero bits), not more
        assertEquals(256, ((Tpm2bPublicKeyRsa) PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaOfBits(2040)).unique())
                .buffer().size());
        assertEquals("an RSA-2039 key does not fit an RSA-2048 template", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaOfBits(2039))).getMessage());
        assertEquals("the key's curve does not match the template's NIST_P256",
                assertThrows(IllegalArgumentException.class,
                        () -> PublicKeys.withKey(EkTemplates.L2_ECC_P256, P384.getPublic())).getMessage());
        assertEquals("a EC key does not fit a TPM_ALG_RSA template", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.withKey(EkTemplates.L1_RSA2048, P256.getPublic())).getMessage());
        assertEquals("a RSA key does not fit a TPM_ALG_ECC template", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.withKey(EkTemplates.L2_ECC_P256, RSA.getPublic())).getMessage());
    }

    /** A public key with a modulus of exactly {@code bits} bits (only the size matters: it is never used). */
    static RSAPublicKey rsaOfBits(int bits) {
        BigInteger n = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
        try {
            return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(n, RSAKeyGenParameterSpec.F4));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fixedWidthPadsStripsTheSignByteAndRefusesWhatDoesNotFit() {
        assertEquals("0000ff", PublicKeys.fixedWidth(BigInteger.valueOf(255), 3).toHex(), "padded on the left");
        assertEquals("ff", PublicKeys.fixedWidth(BigInteger.valueOf(255), 1).toHex(), "sign byte dropped");
        assertEquals("7f", PublicKeys.fixedWidth(BigInteger.valueOf(127), 1).toHex(), "exact");
        assertEquals("0100", PublicKeys.fixedWidth(BigInteger.valueOf(256), 2).toHex());
        assertEquals("value does not fit in 1 bytes", assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.fixedWidth(BigInteger.valueOf(256), 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublicKeys.fixedWidth(BigInteger.valueOf(65536), 1));
    }
}

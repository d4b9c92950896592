package dev.tpm2j.ca;

import dev.tpm2j.ek.testing.TestCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtPublic;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AkPolicy} checks the key, not only its declared parameters: the attacks from issue 13, each refused. */
class AkKeyMaterialTest {
    static List<String> problems(TpmtPublic ak) {
        return AkPolicy.problems(ak, Names.object(ak));
    }

    static TpmtPublic rsaWith(byte[] modulus) {
        TpmtPublic t = KeyTemplates.AK_RSA2048;
        return new TpmtPublic(t.type(), t.nameAlg(), t.objectAttributes(), t.authPolicy(), t.parameters(),
                new Tpm2bPublicKeyRsa(Bytes.of(modulus)));
    }

    static TpmtPublic eccWith(byte[] x, byte[] y) {
        TpmtPublic t = KeyTemplates.AK_ECC_P256;
        return new TpmtPublic(t.type(), t.nameAlg(), t.objectAttributes(), t.authPolicy(), t.parameters(),
                new TpmsEccPoint(Bytes.of(x), Bytes.of(y)));
    }

    @Test
    void genuineKeysPass() {
        assertEquals(List.of(), problems(PublicKeys.withKey(KeyTemplates.AK_RSA2048, TestCerts.rsa(2048).getPublic())));
        assertEquals(List.of(), problems(PublicKeys.withKey(KeyTemplates.AK_ECC_P256,
                TestCerts.ec("secp256r1").getPublic())));
    }

    @Test
    void rsaModulusMustMatchKeyBitsAndLookLikeAModulus() {
        byte[] short1024 = ((java.security.interfaces.RSAPublicKey) TestCerts.rsa(1024).getPublic()).getModulus()
                .toByteArray();
        assertTrue(problems(rsaWith(short1024)).contains("the AK modulus has 1024 bits, not the declared 2048"),
                problems(rsaWith(short1024)).toString());
        assertTrue(problems(rsaWith(new byte[0])).contains("the AK modulus is even or zero"));
        assertTrue(problems(rsaWith(new byte[256])).contains("the AK modulus is even or zero"));
        BigInteger even = BigInteger.ONE.shiftLeft(2047);
        assertTrue(problems(rsaWith(even.toByteArray())).contains("the AK modulus is even or zero"));
        BigInteger q = BigInteger.ONE.shiftLeft(2047).divide(BigInteger.valueOf(997)).add(BigInteger.ONE);
        if (!q.testBit(0)) {
            q = q.add(BigInteger.ONE);
        }
        BigInteger smallFactor = q.multiply(BigInteger.valueOf(997));
        assertEquals(2048, smallFactor.bitLength());
        List<String> p = problems(rsaWith(smallFactor.toByteArray()));
        assertEquals(List.of("the AK modulus has a small factor"), p);
    }

    @Test
    void eccPointMustBeOnTheCurveAndNotTheIdentity() {
        ECPublicKey k = (ECPublicKey) TestCerts.ec("secp256r1").getPublic();
        byte[] x = PublicKeys.fixedWidth(k.getW().getAffineX(), 32).toByteArray();
        byte[] y = PublicKeys.fixedWidth(k.getW().getAffineY(), 32).toByteArray();
        assertEquals(List.of(), problems(eccWith(x, y)));
        byte[] y2 = y.clone();
        y2[31] ^= 1;
        assertTrue(problems(eccWith(x, y2)).contains("the AK point is not on the curve"));
        assertTrue(problems(eccWith(new byte[32], new byte[32])).contains("the AK point is (0, 0), not a public key"));
        assertTrue(problems(eccWith(new byte[0], new byte[0])).contains("the AK point is (0, 0), not a public key"));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertTrue(problems(eccWith(ff, y)).contains("the AK point has a coordinate outside the field"));
        assertTrue(problems(eccWith(new byte[33], y)).contains("the AK point coordinates are longer than the curve's "
                + "32 bytes"));
    }
}

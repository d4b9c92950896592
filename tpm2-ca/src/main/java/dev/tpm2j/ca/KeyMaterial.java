package dev.tpm2j.ca;

import dev.tpm2j.core.crypto.PublicKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of public key material a device sends: that an RSA modulus has the declared size and a plausible form, and
 * that an ECC point lies on its named curve. A key that fails cannot be the key its parameters claim.
 */
final class KeyMaterial {
    /** Odd primes below 1000: a real modulus has no such factor. */
    private static final BigInteger SMALL_PRIMES_PRODUCT = smallPrimesProduct();

    private KeyMaterial() {
    }

    private static BigInteger smallPrimesProduct() {
        BigInteger product = BigInteger.ONE;
        for (int i = 3; i < 1000; i += 2) {
            if (BigInteger.valueOf(i).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(i));
            }
        }
        return product;
    }

    /** Every reason {@code modulus} (big-endian, unsigned) is not an RSA modulus of {@code keyBits} bits. */
    static List<String> rsaModulusProblems(byte[] modulus, int keyBits, String what) {
        List<String> p = new ArrayList<>();
        BigInteger n = new BigInteger(1, modulus);
        if (n.bitLength() != keyBits) {
            p.add("the " + what + " modulus has " + n.bitLength() + " bits, not the declared " + keyBits);
        }
        if (n.signum() == 0 || !n.testBit(0)) {
            p.add("the " + what + " modulus is even or zero");
        } else if (n.compareTo(BigInteger.ONE) == 0 || !n.gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE)) {
            p.add("the " + what + " modulus has a small factor");
        }
        return p;
    }

    /** Every reason (x, y) is not a point of the TPM curve {@code curveId} other than the identity. */
    static List<String> eccPointProblems(byte[] x, byte[] y, int curveId, String what) {
        List<String> p = new ArrayList<>();
        ECParameterSpec spec;
        try {
            spec = PublicKeys.curve(curveId);
        } catch (GeneralSecurityException | RuntimeException e) {
            p.add("the " + what + " curve is not one tpm2j can check");
            return p;
        }
        if (!(spec.getCurve().getField() instanceof ECFieldFp field)) {
            p.add("the " + what + " curve is not a prime-field curve");
            return p;
        }
        BigInteger prime = field.getP();
        int size = (prime.bitLength() + 7) / 8;
        BigInteger px = new BigInteger(1, x);
        BigInteger py = new BigInteger(1, y);
        if (x.length > size || y.length > size) {
            p.add("the " + what + " point coordinates are longer than the curve's " + size + " bytes");
        } else if (px.signum() == 0 && py.signum() == 0) {
            p.add("the " + what + " point is (0, 0), not a public key");
        } else if (px.compareTo(prime) >= 0 || py.compareTo(prime) >= 0) {
            p.add("the " + what + " point has a coordinate outside the field");
        } else {
            BigInteger left = py.multiply(py).mod(prime);
            BigInteger right = px.pow(3).add(spec.getCurve().getA().multiply(px)).add(spec.getCurve().getB()).mod(prime);
            if (!left.equals(right)) {
                p.add("the " + what + " point is not on the curve");
            }
        }
        return p;
    }
}

package dev.tpm2j.ca;

import dev.tpm2j.ek.Roca;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Which EK keys an attestation CA encrypts challenges to. A weak or ROCA-fingerprinted EK can be factored, and then
 * a credential "only this TPM can activate" is activated in software by anyone: such EKs are refused before a
 * challenge is made.
 *
 * @param minRsaBits    the smallest RSA modulus accepted
 * @param minEccBits    the smallest ECC field size accepted (256 is P-256)
 * @param refuseRoca    whether RSA moduli carrying the ROCA fingerprint ({@link Roca}) are refused
 */
public record EkKeyPolicy(int minRsaBits, int minEccBits, boolean refuseRoca) {
    /** RSA ≥ 2048 without the ROCA fingerprint, ECC ≥ P-256. */
    public static EkKeyPolicy defaults() {
        return new EkKeyPolicy(2048, 256, true);
    }

    /** Every reason {@code ek} is refused; empty when it is accepted. */
    public List<String> problems(PublicKey ek) {
        List<String> p = new ArrayList<>();
        if (ek instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < minRsaBits) {
                p.add("RSA " + bits + " EK is below the minimum of " + minRsaBits + " bits");
            }
            if (refuseRoca && Roca.isVulnerable(rsa.getModulus())) {
                p.add("the RSA EK carries the ROCA fingerprint (CVE-2017-15361): its private key can be computed");
            }
        } else if (ek instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < minEccBits) {
                p.add("ECC EK on a " + bits + "-bit curve is below the minimum of " + minEccBits + " bits");
            }
        } else {
            p.add("an EK must be an RSA or ECC key, not " + ek.getAlgorithm());
        }
        return p;
    }
}

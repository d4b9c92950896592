package dev.tpm2j.ek;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The vendor services that hand out EK certificates for TPMs without one in NV, computed from the EK's RSA public
 * key (never fetched by default): Intel {@code https://ekop.intel.com/ekcertservice/<base64url(SHA-256(n ‖ e))>} and
 * AMD {@code https://ftpm.amd.com/pki/aia/<HEX(first 16 bytes of SHA-256(0x00002222 ‖ e ‖ n))>}.
 */
public final class EkCertificateUrls {
    private EkCertificateUrls() {
    }

    /** Intel's EK certificate service URL for an RSA EK. */
    public static String intel(RSAPublicKey ek) {
        byte[] digest = sha256(unsigned(ek.getModulus()), unsigned(ek.getPublicExponent()));
        String b64 = Base64.getUrlEncoder().encodeToString(digest);
        return "https://ekop.intel.com/ekcertservice/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII);
    }

    /** AMD's fTPM EK certificate URL for an RSA EK. */
    public static String amd(RSAPublicKey ek) {
        byte[] e = new byte[4];
        int exp = ek.getPublicExponent().intValueExact();
        e[0] = (byte) (exp >>> 24);
        e[1] = (byte) (exp >>> 16);
        e[2] = (byte) (exp >>> 8);
        e[3] = (byte) exp;
        byte[] digest = sha256(new byte[] {0, 0, 0x22, 0x22}, e, unsigned(ek.getModulus()));
        return "https://ftpm.amd.com/pki/aia/" + HexFormat.of().withUpperCase().formatHex(digest, 0, 16);
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

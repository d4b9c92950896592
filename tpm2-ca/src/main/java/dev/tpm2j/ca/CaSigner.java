package dev.tpm2j.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A reference CA's key and self-signed certificate (P-384, ECDSA-SHA384, ten years), and the issuing step both CAs
 * share: a certificate for a subject key with the validity, random serial and authority key identifier of this CA;
 * each CA adds its own extensions.
 */
final class CaSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CaSigner(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A fresh CA named {@code CN=commonName}, valid from a day before {@code now}. */
    static CaSigner create(String commonName, Instant now) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
            KeyPair keys = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CaSigner(keys, sign(b, keys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the CA key and certificate", e);
        }
    }

    /** The CA's self-signed certificate. */
    X509Certificate certificate() {
        return certificate;
    }

    /**
     * A builder for an end-entity certificate issued by this CA: subject, key and validity as given, a random serial,
     * basicConstraints CA:false, the authority key identifier; the caller adds the rest and calls {@link #sign}.
     */
    JcaX509v3CertificateBuilder builder(X500Name subject, PublicKey key, Instant notBefore, Instant notAfter)
            throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                Date.from(notBefore), Date.from(notAfter), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
        return b;
    }

    /** Signs what {@link #builder} started. */
    X509Certificate sign(JcaX509v3CertificateBuilder b) throws Exception {
        return sign(b, keys);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair keys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate())));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}

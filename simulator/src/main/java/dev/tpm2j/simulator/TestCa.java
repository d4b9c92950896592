package dev.tpm2j.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A generated certificate authority for test hierarchies: ECDSA P-384 keys signing with SHA-384 (like Intel's
 * on-die CAs) or RSA keys signing with SHA-256. Uses the JDK's signature providers.
 */
public final class TestCa {
    /** TCG attribute OIDs used in the EK certificate's subjectAltName directoryName. */
    public static final ASN1ObjectIdentifier TPM_MANUFACTURER = new ASN1ObjectIdentifier("2.23.133.2.1");
    /** tcg-at-tpmModel (TCG EK Credential Profile). */
    public static final ASN1ObjectIdentifier TPM_MODEL = new ASN1ObjectIdentifier("2.23.133.2.2");
    /** tcg-at-tpmVersion (TCG EK Credential Profile). */
    public static final ASN1ObjectIdentifier TPM_VERSION = new ASN1ObjectIdentifier("2.23.133.2.3");
    /** tcg-kp-EKCertificate. */
    public static final ASN1ObjectIdentifier EK_CERTIFICATE = new ASN1ObjectIdentifier("2.23.133.8.1");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed root. */
    public static TestCa root(String dn, boolean rsa) {
        KeyPair kp = newKeys(rsa);
        X500Name n = new X500Name(dn);
        X509Certificate cert = build(n, kp.getPublic(), n, kp, null, true, null, null, null, null);
        return new TestCa(n, kp, cert);
    }

    /** A CA issued by this one, with a path-length limit ({@code null} for none). */
    public TestCa issueCa(String dn, boolean rsa, Integer pathLen) {
        return issueCa(dn, rsa, pathLen, null, null);
    }

    /** A CA issued by this one, valid from {@code notBefore} to {@code notAfter} (null: the defaults). */
    public TestCa issueCa(String dn, boolean rsa, Integer pathLen, Instant notBefore, Instant notAfter) {
        KeyPair kp = newKeys(rsa);
        X500Name n = new X500Name(dn);
        X509Certificate cert = build(n, kp.getPublic(), name, keys, certificate, true, pathLen, null, notBefore,
                notAfter);
        return new TestCa(n, kp, cert);
    }

    /** A CA certificate for another CA's name and key, signed by this one (for cross-certificates and loops). */
    public X509Certificate crossCertify(TestCa other) {
        return build(other.name, other.keys.getPublic(), name, keys, certificate, true, null, null, null, null);
    }

    /** This CA's key pair (tests only). */
    public KeyPair keys() {
        return keys;
    }

    /**
     * An EK certificate for {@code ekKey}: empty subject, critical subjectAltName directoryName with the TPM
     * manufacturer / model / version, EKU tcg-kp-EKCertificate, key usage keyEncipherment (RSA) or keyAgreement
     * (ECC), validity to 9999.
     */
    public X509Certificate issueEkCertificate(PublicKey ekKey, String manufacturer, String model, String version) {
        return build(new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), ekKey, name, keys, certificate, false,
                null, new String[] {manufacturer, model, version}, null, null);
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This CA's subject name. */
    public X500Name name() {
        return name;
    }

    private static KeyPair newKeys(boolean rsa) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048, RANDOM);
            } else {
                g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a test CA key", e);
        }
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                                         X509Certificate issuerCert, boolean ca, Integer pathLen, String[] tpm,
                                         Instant from, Instant to) {
        try {
            Instant now = Instant.now();
            Date notBefore = Date.from(from != null ? from : now.minus(Duration.ofDays(1)));
            Date notAfter = to != null ? Date.from(to) : ca ? Date.from(now.plus(Duration.ofDays(3650)))
                    : Date.from(Instant.parse("9999-12-31T23:59:59Z"));
            BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, notBefore, notAfter, subject,
                    subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            if (ca) {
                b.addExtension(Extension.basicConstraints, true,
                        pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(subjectKey instanceof RSAPublicKey
                        ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement));
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.getInstance(EK_CERTIFICATE)));
                b.addExtension(Extension.subjectAlternativeName, true, tpmSan(tpm));
            }
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCert));
            } else {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(subjectKey));
            }
            String alg = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA384withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
        } catch (CertIOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }

    private static GeneralNames tpmSan(String[] tpm) {
        ASN1EncodableVector rdns = new ASN1EncodableVector();
        ASN1ObjectIdentifier[] oids = {TPM_MANUFACTURER, TPM_MODEL, TPM_VERSION};
        for (int i = 0; i < oids.length; i++) {
            rdns.add(new DERSet(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {oids[i],
                    new DERUTF8String(tpm[i])})));
        }
        X500Name dir = X500Name.getInstance(new DERSequence(rdns));
        return new GeneralNames(new GeneralName(GeneralName.directoryName, dir));
    }

    /** PEM text of certificates. */
    public static String pem(List<X509Certificate> certs) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    /** DER of a certificate. */
    public static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}

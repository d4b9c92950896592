package dev.tpm2j.ek.testing;

import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate builder for tests that need exact control: names, keys, constraints, usages, signature algorithm. */
public final class TestCerts {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCerts() {
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What to put in a certificate. Null fields are left out. */
    public static final class Spec {
        public String subject = "";
        public String issuer;
        public PublicKey key;
        public PrivateKey signer;
        public String algorithm;
        public Integer pathLen;        // with ca
        public boolean ca;
        public Integer keyUsage;       // KeyUsage bits
        public String[] eku;           // OIDs
        public boolean tpmSan;
        public String[] aia;           // caIssuers URLs
        public Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        public Instant notAfter = Instant.now().plus(Duration.ofDays(3650));

        public Spec subject(String s) {
            subject = s;
            return this;
        }

        public Spec issuedBy(String name, PrivateKey k) {
            issuer = name;
            signer = k;
            return this;
        }

        public Spec key(PublicKey k) {
            key = k;
            return this;
        }

        public Spec ca(Integer len) {
            ca = true;
            pathLen = len;
            keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            return this;
        }

        public Spec keyUsage(int bits) {
            keyUsage = bits;
            return this;
        }

        public Spec eku(String... oids) {
            eku = oids;
            return this;
        }

        public Spec ek() {
            keyUsage = key.getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
            eku = new String[] {"2.23.133.8.1"};
            tpmSan = true;
            return this;
        }

        public Spec aia(String... urls) {
            aia = urls;
            return this;
        }

        public Spec algorithm(String a) {
            algorithm = a;
            return this;
        }

        public X509Certificate build() {
            try {
                String alg = algorithm != null ? algorithm
                        : signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                        new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                        new X500Name(subject), key);
                b.addExtension(Extension.basicConstraints, true,
                        ca ? (pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen))
                                : new BasicConstraints(false));
                if (keyUsage != null) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (eku != null) {
                    KeyPurposeId[] ids = new KeyPurposeId[eku.length];
                    for (int i = 0; i < eku.length; i++) {
                        ids[i] = KeyPurposeId.getInstance(new ASN1ObjectIdentifier(eku[i]));
                    }
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
                }
                if (aia != null) {
                    org.bouncycastle.asn1.x509.AccessDescription[] d =
                            new org.bouncycastle.asn1.x509.AccessDescription[aia.length];
                    for (int i = 0; i < aia.length; i++) {
                        d[i] = new org.bouncycastle.asn1.x509.AccessDescription(
                                org.bouncycastle.asn1.x509.AccessDescription.id_ad_caIssuers,
                                new GeneralName(GeneralName.uniformResourceIdentifier, aia[i]));
                    }
                    b.addExtension(Extension.authorityInfoAccess, false,
                            new org.bouncycastle.asn1.x509.AuthorityInformationAccess(d));
                }
                if (tpmSan) {
                    ASN1EncodableVector rdns = new ASN1EncodableVector();
                    String[] values = {"id:494E5443", "TEST", "id:00010002"};
                    ASN1ObjectIdentifier[] oids = {new ASN1ObjectIdentifier("2.23.133.2.1"),
                            new ASN1ObjectIdentifier("2.23.133.2.2"), new ASN1ObjectIdentifier("2.23.133.2.3")};
                    for (int i = 0; i < 3; i++) {
                        rdns.add(new DERSet(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {oids[i],
                                new DERUTF8String(values[i])})));
                    }
                    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(
                            GeneralName.directoryName, X500Name.getInstance(new DERSequence(rdns)))));
                }
                return new JcaX509CertificateConverter().getCertificate(
                        b.build(new JcaContentSignerBuilder(alg).build(signer)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    public static Spec spec() {
        return new Spec();
    }

    public static TpmCertificate tc(X509Certificate x) {
        try {
            return TpmCertificates.parse(x.getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A self-signed root for {@code name}. */
    public static X509Certificate root(String name, KeyPair keys) {
        return spec().subject(name).issuedBy(name, keys.getPrivate()).key(keys.getPublic()).ca(null).build();
    }
}

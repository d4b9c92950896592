package dev.tpm2j.ek.attack;

import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmCertificates;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A raw certificate forger: any extension bytes, criticality, validity, version 1. */
final class Forge {
    static final SecureRandom RANDOM = new SecureRandom();
    X500Name subject = new X500Name("");
    X500Name issuer;
    PublicKey key;
    PrivateKey signer;
    String alg;
    Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    Instant notAfter = Instant.now().plus(Duration.ofDays(365));
    boolean v1;
    final List<Extension> exts = new ArrayList<>();

    static Forge of(String subject, PublicKey key, String issuer, PrivateKey signer) {
        Forge f = new Forge();
        f.subject = new X500Name(subject);
        f.key = key;
        f.issuer = new X500Name(issuer);
        f.signer = signer;
        return f;
    }

    Forge ca(Integer pathLen) {
        ext(Extension.basicConstraints, true, pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen));
        ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return this;
    }

    Forge ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            exts.add(new Extension(oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded("DER"))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return this;
    }

    Forge rawExt(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
        exts.add(new Extension(oid, critical, new DEROctetString(value)));
        return this;
    }

    Forge validity(Instant from, Instant to) {
        notBefore = from;
        notAfter = to;
        return this;
    }

    Forge alg(String a) {
        alg = a;
        return this;
    }

    X509Certificate x509() {
        try {
            String a = alg != null ? alg : signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
            JcaContentSignerBuilder sb = new JcaContentSignerBuilder(a);
            if (a.contains("MGF1")) {
                sb.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            }
            var signerOp = sb.build(signer);
            if (v1) {
                return new JcaX509CertificateConverter().getCertificate(new X509v1CertificateBuilder(issuer, serial,
                        Date.from(notBefore), Date.from(notAfter), subject, spki).build(signerOp));
            }
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, spki);
            for (Extension e : exts) {
                b.addExtension(e);
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signerOp));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    TpmCertificate tc() {
        try {
            return TpmCertificates.parse(x509().getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

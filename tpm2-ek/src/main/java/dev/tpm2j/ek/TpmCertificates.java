package dev.tpm2j.ek;

import dev.tpm2j.ek.der.DerException;
import dev.tpm2j.ek.der.DerReader;
import dev.tpm2j.ek.der.Tlv;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Parses certificates as TPMs store them: strips the TCG NV header ({@code 10 01 00 | u16 size | 10 02}), finds the
 * certificate by its DER length, reports trailing padding, and notes every encoding deviation (explicit DEFAULT
 * values, unsorted SETs, non-minimal integers and lengths, negative serials, rsaesOaep keys, SHA-1 signatures)
 * instead of rejecting the certificate.
 */
public final class TpmCertificates {
    static final String OID_SAN = "2.5.29.17";
    static final String OID_SKI = "2.5.29.14";
    static final String OID_AKI = "2.5.29.35";
    static final String OID_AIA = "1.3.6.1.5.5.7.1.1";
    static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
    static final String OID_RSAES_OAEP = "1.2.840.113549.1.1.7";
    static final String OID_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";
    static final ASN1ObjectIdentifier TPM_MANUFACTURER = new ASN1ObjectIdentifier("2.23.133.2.1");
    static final ASN1ObjectIdentifier TPM_MODEL = new ASN1ObjectIdentifier("2.23.133.2.2");
    static final ASN1ObjectIdentifier TPM_VERSION = new ASN1ObjectIdentifier("2.23.133.2.3");
    /** Larger than any real certificate: bounds what an untrusted length may claim. */
    static final int MAX_CERTIFICATE = 16 * 1024;

    private TpmCertificates() {
    }

    /**
     * Parses the contents of an EK certificate NV index (or a certificate file): header, certificate, padding.
     */
    public static TpmCertificate parseNv(byte[] nv) throws CertificateParseException {
        List<String> quirks = new ArrayList<>();
        int start = NvCertificates.headerLength(nv);
        if (start > 0) {
            int declared = ((nv[3] & 0xFF) << 8) | (nv[4] & 0xFF);
            quirks.add("TCG NV header (0x1001, declared size " + declared + ") before the certificate");
        }
        if (start >= nv.length) {
            throw new CertificateParseException("no certificate bytes" + (start > 0 ? " after the NV header" : ""));
        }
        Tlv cert;
        try {
            cert = new DerReader(nv, start, nv.length).next(Tlv.SEQUENCE, "Certificate");
        } catch (DerException e) {
            throw new CertificateParseException("not a DER certificate " + e.getMessage(), e);
        }
        if (cert.length() > MAX_CERTIFICATE) {
            throw new CertificateParseException("certificate of " + cert.length() + " bytes is implausibly large");
        }
        int trailing = nv.length - cert.end();
        if (trailing > 0) {
            quirks.add(describePadding(nv, cert.end()));
        }
        return parse(cert.encoded(), quirks);
    }

    /** Parses exactly one DER (or near-DER) certificate. */
    public static TpmCertificate parse(byte[] der) throws CertificateParseException {
        return parse(der, new ArrayList<>());
    }

    private static TpmCertificate parse(byte[] der, List<String> quirks) throws CertificateParseException {
        Tlv tbs;
        Tlv spki;
        try {
            DerReader top = new DerReader(der);
            Tlv cert = top.next(Tlv.SEQUENCE, "Certificate");
            if (top.hasRemaining()) {
                throw new CertificateParseException(top.remaining() + " bytes after the certificate");
            }
            DerReader c = cert.children();
            tbs = c.next(Tlv.SEQUENCE, "tbsCertificate");
            c.next(Tlv.SEQUENCE, "signatureAlgorithm");
            c.next(Tlv.BIT_STRING, "signatureValue");
            if (c.hasRemaining()) {
                throw new CertificateParseException("extra fields after the signature");
            }
            spki = findQuirks(tbs, quirks);
        } catch (DerException e) {
            throw new CertificateParseException("malformed certificate " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // e.g. a malformed OBJECT IDENTIFIER inside an extension (found by the long fuzzing run)
            throw new CertificateParseException("malformed certificate: " + e.getMessage(), e);
        }
        X509Certificate x;
        try {
            x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateParseException("the certificate does not parse: " + e.getMessage(), e);
        }
        String sigAlg = x.getSigAlgName().toUpperCase();
        if (sigAlg.contains("SHA1")) {
            quirks.add("SHA-1 signature (" + x.getSigAlgName() + ")");
        }
        if (x.getSerialNumber().signum() < 0) {
            quirks.add("negative serial number");
        }
        PublicKey key = publicKey(x, spki, quirks);
        byte[] ski = null;
        byte[] aki = null;
        List<String> aia = new ArrayList<>();
        Optional<TpmCertificate.TpmIdentity> tpm = Optional.empty();
        try {
            byte[] v = extension(x, OID_SKI);
            if (v != null) {
                ski = SubjectKeyIdentifier.getInstance(v).getKeyIdentifier();
            }
            v = extension(x, OID_AKI);
            if (v != null) {
                aki = AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierOctets();
            }
            v = extension(x, OID_AIA);
            if (v != null) {
                for (AccessDescription d : AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
                    if (d.getAccessMethod().getId().equals(OID_CA_ISSUERS)
                            && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                        aia.add(((ASN1String) d.getAccessLocation().getName()).getString());
                    }
                }
            }
            v = extension(x, OID_SAN);
            if (v != null) {
                tpm = tpmIdentity(GeneralNames.getInstance(v));
            }
        } catch (RuntimeException e) {
            throw new CertificateParseException("a certificate extension does not parse: " + e.getMessage(), e);
        }
        return new TpmCertificate(x, der, key, quirks, ski, aki, aia, tpm);
    }

    /** The inner value of an extension (the OCTET STRING's content), or null. */
    private static byte[] extension(X509Certificate x, String oid) {
        byte[] wrapped = x.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        return ASN1OctetString.getInstance(wrapped).getOctets();
    }

    private static Optional<TpmCertificate.TpmIdentity> tpmIdentity(GeneralNames names) {
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() != GeneralName.directoryName) {
                continue;
            }
            String manufacturer = null;
            String model = null;
            String version = null;
            for (RDN rdn : X500Name.getInstance(n.getName()).getRDNs()) {
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    String value = atv.getValue() instanceof ASN1String s ? s.getString() : atv.getValue().toString();
                    if (atv.getType().equals(TPM_MANUFACTURER)) {
                        manufacturer = value;
                    } else if (atv.getType().equals(TPM_MODEL)) {
                        model = value;
                    } else if (atv.getType().equals(TPM_VERSION)) {
                        version = value;
                    }
                }
            }
            if (manufacturer != null || model != null || version != null) {
                return Optional.of(new TpmCertificate.TpmIdentity(manufacturer, model, version));
            }
        }
        return Optional.empty();
    }

    /**
     * The subject key. The JDK leaves keys in an rsaesOaep SubjectPublicKeyInfo undecoded; their BIT STRING is a
     * plain RSAPublicKey, decoded here.
     */
    private static PublicKey publicKey(X509Certificate x, Tlv spki, List<String> quirks)
            throws CertificateParseException {
        try {
            DerReader r = spki.children();
            Tlv alg = r.next(Tlv.SEQUENCE, "SubjectPublicKeyInfo.algorithm");
            Tlv oid = alg.children().next(Tlv.OID, "algorithm");
            String algOid = ASN1ObjectIdentifier.getInstance(oid.encoded()).getId();
            if (algOid.equals(OID_RSAES_OAEP)) {
                quirks.add("RSAES-OAEP SubjectPublicKeyInfo (TPM 1.2-era): the key is read as plain RSA");
                Tlv bits = r.next(Tlv.BIT_STRING, "subjectPublicKey");
                byte[] v = bits.value();
                DerReader k = new DerReader(v, 1, v.length).next(Tlv.SEQUENCE, "RSAPublicKey").children();
                BigInteger n = new BigInteger(k.next(Tlv.INTEGER, "modulus").value());
                BigInteger e = new BigInteger(k.next(Tlv.INTEGER, "publicExponent").value());
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
        } catch (DerException | GeneralSecurityException | RuntimeException e) {
            throw new CertificateParseException("the public key does not parse: " + e.getMessage(), e);
        }
        return x.getPublicKey();
    }

    private static String describePadding(byte[] b, int from) {
        int n = b.length - from;
        byte first = b[from];
        for (int i = from; i < b.length; i++) {
            if (b[i] != first) {
                return n + " trailing bytes after the certificate (mixed values, starting 0x"
                        + String.format("%02x", first) + ")";
            }
        }
        return n + " bytes of 0x" + String.format("%02x", first) + " padding after the certificate";
    }

    /** Walks the TBSCertificate for encodings DER forbids; returns the SubjectPublicKeyInfo element. */
    private static Tlv findQuirks(Tlv tbs, List<String> quirks) throws DerException {
        walkLengths(tbs, quirks, 0);
        DerReader r = tbs.children();
        if (r.peekTag() == 0xA0) {
            r.next(); // version
        }
        Tlv serial = r.next(Tlv.INTEGER, "serialNumber");
        if (!minimalInteger(serial.value())) {
            quirks.add("serial number is a non-minimal INTEGER (" + Hex.of(serial.value()) + ")");
        }
        r.next(Tlv.SEQUENCE, "signature");
        checkName(r.next(Tlv.SEQUENCE, "issuer"), "issuer", quirks);
        r.next(Tlv.SEQUENCE, "validity");
        checkName(r.next(Tlv.SEQUENCE, "subject"), "subject", quirks);
        Tlv spki = r.next(Tlv.SEQUENCE, "subjectPublicKeyInfo");
        while (r.hasRemaining()) {
            Tlv t = r.next();
            if (t.tag() == 0xA3) {
                checkExtensions(t.children().next(Tlv.SEQUENCE, "extensions"), quirks);
            }
        }
        return spki;
    }

    private static void walkLengths(Tlv t, List<String> quirks, int depth) throws DerException {
        if (!t.minimalLength() && quirks.stream().noneMatch(q -> q.startsWith("non-minimal length"))) {
            quirks.add("non-minimal length encoding (BER) at offset " + t.start());
        }
        if (t.isConstructed() && depth < 32) {
            DerReader r = t.children();
            while (r.hasRemaining()) {
                walkLengths(r.next(), quirks, depth + 1);
            }
        }
    }

    private static void checkName(Tlv name, String which, List<String> quirks) throws DerException {
        DerReader rdns = name.children();
        while (rdns.hasRemaining()) {
            Tlv set = rdns.next(Tlv.SET, which + " RDN");
            List<byte[]> elements = new ArrayList<>();
            DerReader e = set.children();
            while (e.hasRemaining()) {
                elements.add(e.next().encoded());
            }
            for (int i = 1; i < elements.size(); i++) {
                if (Arrays.compareUnsigned(elements.get(i - 1), elements.get(i)) > 0) {
                    quirks.add(which + " name has a multi-valued RDN whose SET is not in DER order");
                    return;
                }
            }
        }
    }

    private static void checkExtensions(Tlv exts, List<String> quirks) throws DerException {
        DerReader r = exts.children();
        while (r.hasRemaining()) {
            DerReader ext = r.next(Tlv.SEQUENCE, "Extension").children();
            Tlv oid = ext.next(Tlv.OID, "extnID");
            String id = ASN1ObjectIdentifier.getInstance(oid.encoded()).getId();
            Tlv next = ext.next();
            if (next.tag() == Tlv.BOOLEAN) {
                if (next.valueLength() == 1 && next.value()[0] == 0) {
                    quirks.add("extension " + id + " encodes critical FALSE explicitly (DER omits DEFAULT values)");
                }
                next = ext.next();
            }
            if (next.tag() != Tlv.OCTET_STRING) {
                throw new DerException(next.start(), "extension " + id + " has no OCTET STRING value");
            }
            if (id.equals(OID_BASIC_CONSTRAINTS)) {
                DerReader bc = new DerReader(next.value()).next(Tlv.SEQUENCE, "BasicConstraints").children();
                if (bc.peekTag() == Tlv.BOOLEAN) {
                    Tlv ca = bc.next();
                    if (ca.valueLength() == 1 && ca.value()[0] == 0) {
                        quirks.add("basicConstraints encodes cA FALSE explicitly (DER omits DEFAULT values)");
                    }
                }
            }
        }
    }

    private static boolean minimalInteger(byte[] v) {
        if (v.length < 2) {
            return true;
        }
        return !((v[0] == 0 && (v[1] & 0x80) == 0) || (v[0] == (byte) 0xFF && (v[1] & 0x80) != 0));
    }

    /**
     * Parses a certificate file: DER (with or without the NV header and padding) or PEM text (first certificate).
     */
    public static TpmCertificate parseDerOrPem(byte[] bytes) throws CertificateParseException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin >= 0) {
            int end = text.indexOf("-----END CERTIFICATE-----", begin);
            if (end < 0) {
                throw new CertificateParseException("PEM certificate without an END line");
            }
            String b64 = text.substring(begin + 27, end).replaceAll("\\s", "");
            try {
                return parseNv(java.util.Base64.getDecoder().decode(b64));
            } catch (IllegalArgumentException e) {
                throw new CertificateParseException("PEM body is not base64: " + e.getMessage(), e);
            }
        }
        return parseNv(bytes);
    }
}

package dev.tpm2j.ek.keyattest;

import dev.tpm2j.attest.keyattest.KeyAttestation;
import dev.tpm2j.attest.keyattest.KeyPolicy;
import dev.tpm2j.attest.keyattest.KeyVerdict;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.ek.AkPolicy;
import dev.tpm2j.ek.AttestationException;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.TrustBundle;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A reference key attestation CA (the Windows CA's "TPM key attestation"): it decides how far it trusts the TPM's EK
 * (certificate chained to its trust bundle, or EK public key on its allow list), proves the AK is in that TPM
 * (MakeCredential / ActivateCredential, single use, expiring), verifies the AK's TPM2_Certify of the new key over its
 * nonce, and issues an X.509 certificate for the key carrying the issuance-policy OID of that EK trust.
 */
public final class KeyAttestationCa {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TrustBundle trust;
    private final Set<Bytes> ekAllowList;
    private final Clock clock;
    private final Duration challengeLifetime;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** What the device must answer: the challenge id, the credential to activate, and the nonce to certify over. */
    public record Challenge(String id, CredentialProtection.Credential credential, Bytes certifyNonce,
                            Instant expiresAt, EkTrust ekTrust) {
    }

    /** The EK as the device presents it: its public area and, when it has one, its certificate with the NV chain. */
    public record EkEvidence(TpmtPublic ekPublic, EkChain.Sourced certificate, List<EkChain.Sourced> nvChain) {
        /** Copies the chain (null certificate: only the allow list can vouch for the EK). */
        public EkEvidence {
            nvChain = nvChain == null ? List.of() : List.copyOf(nvChain);
        }
    }

    private record Pending(byte[] secret, TpmtPublic ak, Bytes nonce, EkTrust trust, Instant expiresAt) {
    }

    /**
     * @param trust TPM roots and intermediates for EK certificate chains
     * @param ekAllowList SHA-256 digests of EK public keys (SubjectPublicKeyInfo DER, see {@link #ekKeyDigest})
     *        the CA trusts without a certificate
     * @param clock the CA's clock
     * @param challengeLifetime how long an answer is accepted
     */
    public KeyAttestationCa(TrustBundle trust, Set<Bytes> ekAllowList, Clock clock, Duration challengeLifetime) {
        this.trust = trust;
        this.ekAllowList = Set.copyOf(ekAllowList);
        this.clock = clock;
        this.challengeLifetime = challengeLifetime;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
            caKeys = g.generateKeyPair();
            X500Name name = new X500Name("CN=tpm2j reference key attestation CA");
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    caKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caCertificate = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the CA key and certificate", e);
        }
    }

    /** The CA certificate that signs attested-key certificates. */
    public X509Certificate certificate() {
        return caCertificate;
    }

    /** The allow-list digest of an EK: SHA-256 of its public key's SubjectPublicKeyInfo encoding. */
    public static Bytes ekKeyDigest(TpmtPublic ekPublic) {
        return Bytes.of(TpmHash.hash(TpmAlgId.SHA256, PublicKeys.toJca(ekPublic).getEncoded()));
    }

    /** Decides the EK trust, checks the AK, and issues the activation challenge and the certify nonce. */
    public Challenge challenge(EkEvidence ek, TpmtPublic akPublic, Bytes akName) throws AttestationException {
        Instant now = clock.instant();
        EkTrust ekTrust = ekTrust(ek, now);
        List<String> akProblems = AkPolicy.problems(akPublic, akName);
        if (!akProblems.isEmpty()) {
            throw new AttestationException("attestation key refused: " + String.join("; ", akProblems));
        }
        byte[] secret = new byte[Math.min(32, TpmHash.digestSize(ek.ekPublic().nameAlg()))];
        RANDOM.nextBytes(secret);
        CredentialProtection.Credential credential;
        try {
            credential = CredentialProtection.make(ek.ekPublic(), akName, secret);
        } catch (IllegalArgumentException e) {
            Arrays.fill(secret, (byte) 0);
            throw new AttestationException("cannot make a credential for this EK: " + e.getMessage());
        }
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Instant expires = now.plus(challengeLifetime);
        pending.put(id, new Pending(secret, akPublic, Bytes.of(nonce), ekTrust, expires));
        return new Challenge(id, credential, Bytes.of(nonce), expires, ekTrust);
    }

    private EkTrust ekTrust(EkEvidence ek, Instant now) throws AttestationException {
        String why = "no EK certificate";
        if (ek.certificate() != null) {
            EkChain.Result chain = EkChain.verify(ek.certificate(), ek.nvChain(), trust, List.of(), now, null);
            if (!PublicKeys.sameKey(ek.certificate().certificate().publicKey(), ek.ekPublic())) {
                throw new AttestationException("the EK public area is not the key in the EK certificate");
            }
            if (chain.trusted()) {
                return new EkTrust.ChainedCertificate(String.valueOf(chain.verdict()));
            }
            why = "EK certificate not trusted: " + chain.verdict();
        }
        Bytes digest;
        try {
            digest = ekKeyDigest(ek.ekPublic());
        } catch (IllegalArgumentException e) {
            throw new AttestationException("the EK public area is not a usable key: " + e.getMessage());
        }
        if (ekAllowList.contains(digest)) {
            return new EkTrust.AllowListedKey();
        }
        throw new AttestationException(why + ", and the EK key " + digest.toHex() + " is not on the allow list");
    }

    /**
     * Checks the activation answer (the AK is in the EK's TPM) and the AK's certify of the key over the challenge's
     * nonce, then issues the key's certificate with the issuance policy of the EK trust. Single use.
     */
    public X509Certificate complete(String challengeId, byte[] answer, TpmtPublic keyPublic, Bytes certifyMessage,
                                    TpmtSignature certifySignature) throws AttestationException {
        Pending p = pending.remove(challengeId);
        if (p == null) {
            throw new AttestationException("unknown or already used challenge " + challengeId);
        }
        try {
            if (clock.instant().isAfter(p.expiresAt())) {
                throw new AttestationException("challenge " + challengeId + " expired at " + p.expiresAt());
            }
            if (!MessageDigest.isEqual(p.secret(), answer)) {
                throw new AttestationException("wrong answer to challenge " + challengeId
                        + ": the device does not hold this EK and AK");
            }
            KeyVerdict v = KeyAttestation.verify(AttestationKey.of(p.ak()), certifyMessage, certifySignature,
                    p.nonce(), keyPublic, KeyPolicy.DEFAULT);
            if (!(v instanceof KeyVerdict.Attested a)) {
                throw new AttestationException("key attestation refused: " + v);
            }
            return issue(a, p.trust());
        } finally {
            Arrays.fill(p.secret(), (byte) 0);
        }
    }

    private X509Certificate issue(KeyVerdict.Attested key, EkTrust ekTrust) throws AttestationException {
        try {
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(Duration.ofDays(365))),
                    // CN is bounded at 64 characters: the first 16 bytes of the key's name digest identify it
                    new X500Name("CN=TPM key " + key.name().slice(2, 18).toHex()), PublicKeys.toJca(key.key()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(new ASN1ObjectIdentifier(ekTrust.issuancePolicy()))));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new AttestationException("cannot issue the key certificate: " + e.getMessage());
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}

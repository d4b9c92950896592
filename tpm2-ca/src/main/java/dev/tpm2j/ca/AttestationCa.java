package dev.tpm2j.ca;

import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.AiaFetcher;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A reference attestation CA, in process, doing what the Microsoft AIK service does: it verifies the EK certificate
 * chain to its trust bundle and that the certificate's key is the EK it will encrypt to, checks the attestation key,
 * issues a single-use, expiring MakeCredential challenge, and on the right answer issues an AIK certificate (EKU
 * 2.23.133.8.3, subjectAltName with the TPM manufacturer/model/version from the EK certificate, validity back-dated
 * as the real service does). Secrets are compared in constant time and wiped. Weak and ROCA-fingerprinted EKs are
 * refused ({@link EkKeyPolicy}); pending challenges live in a {@link ChallengeStore} with a cap, a per-EK quota and
 * expiry. The challenge itself is the {@link ChallengeFlow} the key attestation CA shares.
 */
public final class AttestationCa {
    /** tcg-kp-AIKCertificate. */
    public static final String AIK_CERTIFICATE_EKU = "2.23.133.8.3";

    private final TrustBundle trust;
    private final CaSigner ca;
    private final Clock clock;
    private final Duration challengeLifetime;
    private final Duration backdate;
    private final Duration certificateLifetime;
    private final ChallengeFlow flow;
    private final AiaFetcher fetcher;

    /** The cap on unanswered challenges of the default in-memory store. */
    public static final int DEFAULT_MAX_PENDING = 10_000;

    /** A challenge to send to the device: its id, the credential, and when it expires. */
    public record Challenge(String id, CredentialProtection.Credential credential, Instant expiresAt) {
    }

    /**
     * @param trust               anchors and intermediates for EK chains
     * @param clock               the CA's clock
     * @param challengeLifetime   how long an answer is accepted
     * @param backdate            how far before "now" issued certificates start (the AIK service uses 10 minutes)
     * @param certificateLifetime validity of issued AIK certificates
     */
    public AttestationCa(TrustBundle trust, Clock clock, Duration challengeLifetime, Duration backdate,
                         Duration certificateLifetime) {
        this(trust, clock, challengeLifetime, backdate, certificateLifetime, EkKeyPolicy.defaults(),
                new InMemoryChallengeStore(DEFAULT_MAX_PENDING), null);
    }

    /**
     * A CA with every policy explicit.
     *
     * @param trust               anchors and intermediates for EK chains
     * @param clock               the CA's clock
     * @param challengeLifetime   how long an answer is accepted
     * @param backdate            how far before "now" issued certificates start
     * @param certificateLifetime validity of issued AIK certificates
     * @param ekPolicy            which EK keys are acceptable (size, ROCA)
     * @param store               where pending challenges live (shared between nodes, or in memory)
     * @param fetcher             AIA fetcher for missing EK chain links, or null to fetch nothing; path building
     *                            bounds it per URL and per request ({@link EkChain#MAX_AIA_FETCHES})
     */
    public AttestationCa(TrustBundle trust, Clock clock, Duration challengeLifetime, Duration backdate,
                         Duration certificateLifetime, EkKeyPolicy ekPolicy, ChallengeStore store,
                         AiaFetcher fetcher) {
        this.flow = new ChallengeFlow(ekPolicy, store, clock, challengeLifetime);
        this.fetcher = fetcher;
        this.trust = trust;
        this.clock = clock;
        this.challengeLifetime = challengeLifetime;
        this.backdate = backdate;
        this.certificateLifetime = certificateLifetime;
        this.ca = CaSigner.create("tpm2j reference AIK CA", clock.instant());
    }

    /** A CA with a 5-minute challenge lifetime, 10-minute back-dating and one-year certificates. */
    public static AttestationCa create(TrustBundle trust) {
        return new AttestationCa(trust, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofDays(365));
    }

    /** The CA certificate that signs AIK certificates. */
    public X509Certificate certificate() {
        return ca.certificate();
    }

    /**
     * Checks the EK chain, the EK, and the AK, then issues a challenge.
     *
     * @param ekCertificate the EK certificate with its source
     * @param nvChain       CA certificates read from the TPM's chain indices (untrusted)
     * @param ekPublic      the EK public area the device reports (the credential is encrypted to it)
     * @param akPublic      the AK public area
     * @param akName        the AK name the device claims
     */
    public Challenge challenge(EkChain.Sourced ekCertificate, List<EkChain.Sourced> nvChain, TpmtPublic ekPublic,
                               TpmtPublic akPublic, Bytes akName) throws AttestationException {
        Instant now = clock.instant();
        EkChain.Result chain = EkChain.verify(ekCertificate, nvChain, trust, List.of(), now, fetcher);
        if (!chain.trusted()) {
            throw new AttestationException("EK certificate not trusted: " + chain.verdict());
        }
        if (!PublicKeys.sameKey(ekCertificate.certificate().publicKey(), ekPublic)) {
            throw new AttestationException("the EK public area is not the key in the EK certificate");
        }
        ChallengeFlow.Issued c = flow.issue(ekPublic, ekCertificate.certificate(), String.valueOf(chain.verdict()),
                akPublic, akName, false);
        return new Challenge(c.id(), c.credential(), c.expiresAt());
    }

    /**
     * Checks the device's answer (the recovered secret) and issues the AIK certificate. A challenge can be answered
     * once: wrong, late and replayed answers are refused.
     */
    public X509Certificate complete(String challengeId, byte[] answer) throws AttestationException {
        return issue(flow.answer(challengeId, answer));
    }

    /** How many challenges await an answer. */
    public int pendingChallenges() {
        return flow.pending();
    }

    /** Drops the challenges expired by now (a service calls this periodically); returns how many. */
    public int sweepExpired() {
        return flow.sweepExpired();
    }

    private X509Certificate issue(ChallengeStore.Pending p) throws AttestationException {
        try {
            Instant now = clock.instant();
            X500Name empty = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
            JcaX509v3CertificateBuilder b = ca.builder(empty, PublicKeys.toJca(p.ak()), now.minus(backdate),
                    now.plus(certificateLifetime));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    KeyPurposeId.getInstance(new ASN1ObjectIdentifier(AIK_CERTIFICATE_EKU))));
            TpmCertificate.TpmIdentity tpm = p.ek().tpm().orElse(null);
            if (tpm != null) {
                ASN1EncodableVector rdns = new ASN1EncodableVector();
                String[] values = {tpm.manufacturer(), tpm.model(), tpm.version()};
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        rdns.add(new DERSet(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                                TPM_OIDS[i],
                                new DERUTF8String(values[i])})));
                    }
                }
                b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(
                        GeneralName.directoryName, X500Name.getInstance(new DERSequence(rdns)))));
            }
            return ca.sign(b);
        } catch (Exception e) {
            throw new AttestationException("cannot issue the AIK certificate: " + e.getMessage());
        }
    }

    /** tcg-at-tpmManufacturer, tcg-at-tpmModel, tcg-at-tpmVersion (TCG EK Credential Profile). */
    private static final ASN1ObjectIdentifier[] TPM_OIDS = {new ASN1ObjectIdentifier("2.23.133.2.1"),
            new ASN1ObjectIdentifier("2.23.133.2.2"), new ASN1ObjectIdentifier("2.23.133.2.3")};
}

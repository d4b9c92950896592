package dev.tpm2j.ca;

import dev.tpm2j.attest.keyattest.KeyAttestation;
import dev.tpm2j.attest.keyattest.KeyPolicy;
import dev.tpm2j.attest.keyattest.KeyVerdict;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.TrustBundle;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A reference key attestation CA (the Windows CA's "TPM key attestation"): it decides how far it trusts the TPM's EK
 * (certificate chained to its trust bundle, or EK public key on its allow list; a weak EK is refused either way),
 * proves the AK is in that TPM ({@link ChallengeFlow}: MakeCredential / ActivateCredential, single use, expiring,
 * bounded per EK), verifies the AK's TPM2_Certify of the new key over its nonce, and issues an X.509 certificate for
 * the key, with the key usage its TPM attributes allow, carrying the issuance-policy OID of that EK trust.
 */
public final class KeyAttestationCa {

    private final TrustBundle trust;
    private final Set<Bytes> ekAllowList;
    private final Clock clock;
    private final ChallengeFlow flow;
    private final CaSigner ca;

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

    /**
     * @param trust TPM roots and intermediates for EK certificate chains
     * @param ekAllowList SHA-256 digests of EK public keys (SubjectPublicKeyInfo DER, see {@link #ekKeyDigest})
     *        the CA trusts without a certificate
     * @param clock the CA's clock
     * @param challengeLifetime how long an answer is accepted
     */
    public KeyAttestationCa(TrustBundle trust, Set<Bytes> ekAllowList, Clock clock, Duration challengeLifetime) {
        this(trust, ekAllowList, clock, challengeLifetime, EkKeyPolicy.defaults(),
                new InMemoryChallengeStore(AttestationCa.DEFAULT_MAX_PENDING));
    }

    /**
     * A CA with every policy explicit.
     *
     * @param trust TPM roots and intermediates for EK certificate chains
     * @param ekAllowList SHA-256 digests of EK public keys the CA trusts without a certificate
     * @param clock the CA's clock
     * @param challengeLifetime how long an answer is accepted
     * @param ekPolicy which EK keys are acceptable at all, chained or allow-listed (size, ROCA)
     * @param store where pending challenges live (bounded in total and per EK)
     */
    public KeyAttestationCa(TrustBundle trust, Set<Bytes> ekAllowList, Clock clock, Duration challengeLifetime,
                            EkKeyPolicy ekPolicy, ChallengeStore store) {
        this.trust = trust;
        this.ekAllowList = Set.copyOf(ekAllowList);
        this.clock = clock;
        this.flow = new ChallengeFlow(ekPolicy, store, clock, challengeLifetime);
        this.ca = CaSigner.create("tpm2j reference key attestation CA", clock.instant());
    }

    /** The CA certificate that signs attested-key certificates. */
    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The allow-list digest of an EK: SHA-256 of its public key's SubjectPublicKeyInfo encoding. */
    public static Bytes ekKeyDigest(TpmtPublic ekPublic) {
        return ChallengeFlow.ekKey(ekPublic);
    }

    /**
     * Decides the EK trust, checks the EK key ({@link EkKeyPolicy}: a weak EK is refused however it is trusted) and
     * the AK, and issues the activation challenge and the certify nonce (bounded per EK, expiring).
     */
    public Challenge challenge(EkEvidence ek, TpmtPublic akPublic, Bytes akName) throws AttestationException {
        EkTrust ekTrust = ekTrust(ek, clock.instant());
        ChallengeFlow.Issued c = flow.issue(ek.ekPublic(), ek.certificate() == null ? null
                : ek.certificate().certificate(), ekTrust instanceof EkTrust.ChainedCertificate cc ? cc.verdict()
                : null, akPublic, akName, true);
        return new Challenge(c.id(), c.credential(), c.certifyNonce(), c.expiresAt(), ekTrust);
    }

    /** How many challenges await an answer. */
    public int pendingChallenges() {
        return flow.pending();
    }

    /** Drops the challenges expired by now (a service calls this periodically); returns how many. */
    public int sweepExpired() {
        return flow.sweepExpired();
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
        ChallengeStore.Pending p = flow.answer(challengeId, answer);
        EkTrust trusted = p.ekTrust() != null ? new EkTrust.ChainedCertificate(p.ekTrust())
                : new EkTrust.AllowListedKey();
        KeyVerdict v = KeyAttestation.verify(AttestationKey.of(p.ak()), certifyMessage, certifySignature,
                p.certifyNonce(), keyPublic, KeyPolicy.DEFAULT);
        if (!(v instanceof KeyVerdict.Attested a)) {
            throw new AttestationException("key attestation refused: " + v);
        }
        return issue(a, trusted);
    }

    private X509Certificate issue(KeyVerdict.Attested key, EkTrust ekTrust) throws AttestationException {
        try {
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder b = ca.builder(
                    // CN is bounded at 64 characters: the first 16 bytes of the key's name digest identify it
                    new X500Name("CN=TPM key " + key.name().slice(2, 18).toHex()), PublicKeys.toJca(key.key()),
                    now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofDays(365)));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(key.key())));
            b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(new ASN1ObjectIdentifier(ekTrust.issuancePolicy()))));
            return ca.sign(b);
        } catch (Exception e) {
            throw new AttestationException("cannot issue the key certificate: " + e.getMessage());
        }
    }

    /**
     * What the certificate lets the key do, from what the TPM lets it do: sign gives digitalSignature; decrypt gives
     * keyEncipherment (RSA) or keyAgreement (ECC). {@link KeyPolicy} refuses a key that can do neither.
     */
    static int keyUsage(TpmtPublic key) {
        int usage = 0;
        if (key.objectAttributes().has(TpmaObject.SIGN_ENCRYPT)) {
            usage |= KeyUsage.digitalSignature;
        }
        if (key.objectAttributes().has(TpmaObject.DECRYPT)) {
            usage |= key.type() == TpmAlgId.RSA ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
        }
        return usage;
    }
}

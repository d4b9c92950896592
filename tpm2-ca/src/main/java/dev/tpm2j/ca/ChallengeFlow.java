package dev.tpm2j.ca;

import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The activation challenge both reference CAs ({@link AttestationCa}, {@link KeyAttestationCa}) run once they trust
 * an EK: the EK key must pass the {@link EkKeyPolicy} (no RSA below 2048 bits, no ROCA modulus, no curve below
 * P-256: such an EK's credential can be activated in software), the AK must pass {@link AkPolicy}; the secret is
 * encrypted to the EK (MakeCredential), kept in a {@link ChallengeStore} that bounds pending challenges in total and
 * per EK, and taken back once: an answer is accepted only before expiry and only if it equals the secret (constant
 * time). Secrets are wiped.
 */
final class ChallengeFlow {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EkKeyPolicy ekPolicy;
    private final ChallengeStore store;
    private final Clock clock;
    private final Duration lifetime;

    /** A challenge made: its id, the credential for the device, the nonce to certify over (or null), its expiry. */
    public record Issued(String id, CredentialProtection.Credential credential, Bytes certifyNonce,
                         Instant expiresAt) {
    }

    /**
     * @param ekPolicy which EK keys are acceptable
     * @param store    where pending challenges live (bounded in total and per EK)
     * @param clock    the CA's clock
     * @param lifetime how long an answer is accepted
     */
    public ChallengeFlow(EkKeyPolicy ekPolicy, ChallengeStore store, Clock clock, Duration lifetime) {
        this.ekPolicy = ekPolicy;
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The per-EK quota key and allow-list digest: SHA-256 of the EK's SubjectPublicKeyInfo encoding. */
    public static Bytes ekKey(TpmtPublic ekPublic) {
        return Bytes.of(TpmHash.hash(TpmAlgId.SHA256, PublicKeys.toJca(ekPublic).getEncoded()));
    }

    /**
     * Checks the EK key and the AK, then makes and stores a challenge.
     *
     * @param ekPublic      the EK public area (the credential is encrypted to it)
     * @param ekCertificate the verified EK certificate, or null when the EK is trusted without one
     * @param ekTrust       how the CA trusted the EK, kept with the challenge (or null)
     * @param akPublic      the AK public area
     * @param akName        the AK name the device claims
     * @param certifyNonce  whether the device must also certify a key over a fresh nonce (key attestation)
     */
    public Issued issue(TpmtPublic ekPublic, TpmCertificate ekCertificate, String ekTrust, TpmtPublic akPublic,
                        Bytes akName, boolean certifyNonce) throws AttestationException {
        Instant now = clock.instant();
        PublicKey ek;
        Bytes ekKey;
        try {
            ek = PublicKeys.toJca(ekPublic);
            ekKey = ekKey(ekPublic);
        } catch (IllegalArgumentException e) {
            throw new AttestationException("the EK public area is not a usable key: " + e.getMessage());
        }
        List<String> ekProblems = ekPolicy.problems(ek);
        if (!ekProblems.isEmpty()) {
            throw new AttestationException("EK refused: " + String.join("; ", ekProblems));
        }
        List<String> akProblems = AkPolicy.problems(akPublic, akName);
        if (!akProblems.isEmpty()) {
            throw new AttestationException("attestation key refused: " + String.join("; ", akProblems));
        }
        byte[] secret = new byte[Math.min(32, TpmHash.digestSize(ekPublic.nameAlg()))];
        RANDOM.nextBytes(secret);
        CredentialProtection.Credential credential;
        try {
            credential = CredentialProtection.make(ekPublic, akName, secret);
        } catch (IllegalArgumentException e) {
            Arrays.fill(secret, (byte) 0);
            throw new AttestationException("cannot make a credential for this EK: " + e.getMessage());
        }
        Bytes nonce = null;
        if (certifyNonce) {
            byte[] n = new byte[32];
            RANDOM.nextBytes(n);
            nonce = Bytes.of(n);
        }
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Instant expires = now.plus(lifetime);
        if (!store.put(id, new ChallengeStore.Pending(secret, akPublic, ekCertificate, expires, ekKey, nonce, ekTrust),
                now)) {
            Arrays.fill(secret, (byte) 0);
            throw new AttestationException("too many challenges await an answer, from this EK or from all; try again "
                    + "later");
        }
        return new Issued(id, credential, nonce, expires);
    }

    /**
     * Takes the challenge (each id once, whatever the answer) and checks the answer: before expiry, equal to the
     * secret. The returned challenge's secret is already wiped.
     */
    public ChallengeStore.Pending answer(String challengeId, byte[] answer) throws AttestationException {
        ChallengeStore.Pending p = store.take(challengeId).orElse(null);
        if (p == null) {
            throw new AttestationException("unknown or already used challenge " + challengeId);
        }
        try {
            if (clock.instant().isAfter(p.expiresAt())) {
                throw new AttestationException("challenge " + challengeId + " expired at " + p.expiresAt());
            }
            if (answer == null || !MessageDigest.isEqual(p.secret(), answer)) {
                throw new AttestationException("wrong answer to challenge " + challengeId
                        + ": the device does not hold this EK and AK");
            }
            return p;
        } finally {
            Arrays.fill(p.secret(), (byte) 0);
        }
    }

    /** How many challenges await an answer. */
    public int pending() {
        return store.size();
    }

    /** Drops the challenges expired by now; returns how many. */
    public int sweepExpired() {
        return store.sweep(clock.instant());
    }
}

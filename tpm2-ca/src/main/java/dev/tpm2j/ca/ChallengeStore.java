package dev.tpm2j.ca;

import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an {@link AttestationCa} keeps the challenges awaiting an answer. A deployment on several nodes plugs in a
 * shared store (the answer may reach another node than the one that made the challenge); {@link InMemoryChallengeStore}
 * serves one process. A store holds secrets: an implementation must keep them confidential and wipe what it drops. It
 * bounds what one EK may hold, so that a public EK certificate and a software AK cannot fill it for everyone.
 */
public interface ChallengeStore {
    /**
     * A challenge awaiting its answer.
     *
     * @param secret       the credential's secret (the expected answer)
     * @param ak           the attestation key the certificate will be issued for
     * @param ek           the verified EK certificate (its TPM identity goes into the AIK certificate), or null when
     *                     the EK was trusted without one
     * @param expiresAt    after this instant the answer is refused
     * @param ekKey        SHA-256 of the EK's SubjectPublicKeyInfo: the per-EK quota counts by it (null: not counted)
     * @param certifyNonce the nonce the AK must certify a key over (key attestation), or null
     * @param ekTrust      how the CA trusted the EK (e.g. the chain verdict), for the certificate it issues, or null
     */
    record Pending(byte[] secret, TpmtPublic ak, TpmCertificate ek, Instant expiresAt, Bytes ekKey,
                   Bytes certifyNonce, String ekTrust) {
        /** A challenge not counted against any EK's quota. */
        public Pending(byte[] secret, TpmtPublic ak, TpmCertificate ek, Instant expiresAt) {
            this(secret, ak, ek, expiresAt, null, null, null);
        }
    }

    /**
     * Stores a challenge under a fresh id, first dropping expired ones if the store, or the challenge's EK quota, is
     * full.
     *
     * @return false when the store, or the quota of the challenge's EK ({@link Pending#ekKey()}), is full of
     *         unexpired challenges (the caller refuses the request)
     */
    boolean put(String id, Pending pending, Instant now);

    /** Removes and returns the challenge: each id can be taken once, whether or not its answer is right. */
    Optional<Pending> take(String id);

    /** Drops (and wipes) every challenge expired at {@code now}; returns how many were dropped. */
    int sweep(Instant now);

    /** How many challenges are stored. */
    int size();
}

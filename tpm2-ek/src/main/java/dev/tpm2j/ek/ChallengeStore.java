package dev.tpm2j.ek;

import dev.tpm2j.core.types.TpmtPublic;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an {@link AttestationCa} keeps the challenges awaiting an answer. A deployment on several nodes plugs in a
 * shared store (the answer may reach another node than the one that made the challenge); {@link InMemoryChallengeStore}
 * serves one process. A store holds secrets: an implementation must keep them confidential and wipe what it drops.
 */
public interface ChallengeStore {
    /**
     * A challenge awaiting its answer.
     *
     * @param secret    the credential's secret (the expected answer)
     * @param ak        the attestation key the certificate will be issued for
     * @param ek        the verified EK certificate (its TPM identity goes into the AIK certificate)
     * @param expiresAt after this instant the answer is refused
     */
    record Pending(byte[] secret, TpmtPublic ak, TpmCertificate ek, Instant expiresAt) {
    }

    /**
     * Stores a challenge under a fresh id, first dropping expired ones if the store is full.
     *
     * @return false when the store is full of unexpired challenges (the caller refuses the request)
     */
    boolean put(String id, Pending pending, Instant now);

    /** Removes and returns the challenge: each id can be taken once, whether or not its answer is right. */
    Optional<Pending> take(String id);

    /** Drops (and wipes) every challenge expired at {@code now}; returns how many were dropped. */
    int sweep(Instant now);

    /** How many challenges are stored. */
    int size();
}

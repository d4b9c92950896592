package dev.tpm2j.ca;

import dev.tpm2j.core.marshal.Bytes;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ChallengeStore} in this process's memory with a cap on pending challenges and a quota per EK: unanswered
 * challenges are swept once expired (on every {@link #put} that finds the store or the EK's quota full, and whenever
 * the caller sweeps), so neither a client that never answers nor one EK asking again and again (its certificate is
 * public, and a software AK costs nothing) can fill it for everyone else. Thread-safe.
 */
public final class InMemoryChallengeStore implements ChallengeStore {
    /** The default number of unanswered challenges one EK may hold at once. */
    public static final int DEFAULT_MAX_PER_EK = 8;

    private final int maxPending;
    private final int maxPerEk;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<Bytes, Integer> perEk = new HashMap<>();

    /** @param maxPending the most challenges awaiting an answer at once (at least 1); {@link #DEFAULT_MAX_PER_EK} */
    public InMemoryChallengeStore(int maxPending) {
        this(maxPending, DEFAULT_MAX_PER_EK);
    }

    /**
     * @param maxPending the most challenges awaiting an answer at once (at least 1)
     * @param maxPerEk   the most of them one EK may hold (at least 1)
     */
    public InMemoryChallengeStore(int maxPending, int maxPerEk) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        if (maxPerEk < 1) {
            throw new IllegalArgumentException("maxPerEk must be at least 1: " + maxPerEk);
        }
        this.maxPending = maxPending;
        this.maxPerEk = maxPerEk;
    }

    @Override
    public synchronized boolean put(String id, Pending p, Instant now) {
        if (pending.size() >= maxPending || countFor(p.ekKey()) >= maxPerEk) {
            sweep(now);
        }
        if (pending.size() >= maxPending || countFor(p.ekKey()) >= maxPerEk) {
            return false;
        }
        Pending old = pending.put(id, p);
        if (old != null) {
            forget(old);
        }
        if (p.ekKey() != null) {
            perEk.merge(p.ekKey(), 1, Integer::sum);
        }
        return true;
    }

    @Override
    public synchronized Optional<Pending> take(String id) {
        Pending p = pending.remove(id);
        if (p != null) {
            uncount(p);
        }
        return Optional.ofNullable(p);
    }

    @Override
    public synchronized int sweep(Instant now) {
        int dropped = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now.isAfter(p.expiresAt())) {
                it.remove();
                forget(p);
                dropped++;
            }
        }
        return dropped;
    }

    @Override
    public synchronized int size() {
        return pending.size();
    }

    private int countFor(Bytes ekKey) {
        return ekKey == null ? 0 : perEk.getOrDefault(ekKey, 0);
    }

    private void uncount(Pending p) {
        if (p.ekKey() != null) {
            perEk.computeIfPresent(p.ekKey(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    private void forget(Pending p) {
        uncount(p);
        Arrays.fill(p.secret(), (byte) 0);
    }
}

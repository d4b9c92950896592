package dev.tpm2j.ek;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChallengeStore} in this process's memory with a cap on pending challenges: unanswered challenges are
 * swept once expired (on every {@link #put} that finds the store full, and whenever the caller sweeps), so a client
 * that never answers cannot grow it. Thread-safe.
 */
public final class InMemoryChallengeStore implements ChallengeStore {
    private final int maxPending;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param maxPending the most challenges awaiting an answer at once (at least 1) */
    public InMemoryChallengeStore(int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        this.maxPending = maxPending;
    }

    @Override
    public synchronized boolean put(String id, Pending p, Instant now) {
        if (pending.size() >= maxPending) {
            sweep(now);
        }
        if (pending.size() >= maxPending) {
            return false;
        }
        pending.put(id, p);
        return true;
    }

    @Override
    public Optional<Pending> take(String id) {
        return Optional.ofNullable(pending.remove(id));
    }

    @Override
    public int sweep(Instant now) {
        int dropped = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now.isAfter(p.expiresAt())) {
                it.remove();
                Arrays.fill(p.secret(), (byte) 0);
                dropped++;
            }
        }
        return dropped;
    }

    @Override
    public int size() {
        return pending.size();
    }
}

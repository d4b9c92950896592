package dev.tpm2j.core;

import dev.tpm2j.core.types.TpmCc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a transport and counts the commands sent through it, by command code, in order. On a real TPM every
 * command costs milliseconds on the bus; this is how to see what an operation really costs (and to prove it uses the
 * minimum). Thread-safe.
 */
public final class CountingTransport implements TpmTransport {
    private final TpmTransport inner;
    private final List<Integer> sent = new ArrayList<>();

    /** Counts the round trips made through {@code inner}. */
    public CountingTransport(TpmTransport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        if (command.length >= 10) {
            int cc = ((command[6] & 0xFF) << 24) | ((command[7] & 0xFF) << 16) | ((command[8] & 0xFF) << 8)
                    | (command[9] & 0xFF);
            synchronized (sent) {
                sent.add(cc);
            }
        }
        return inner.transmit(command);
    }

    /** The wrapped transport. */
    public TpmTransport inner() {
        return inner;
    }

    /** Commands sent so far. */
    public int count() {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** Commands with this code sent so far. */
    public int count(int commandCode) {
        synchronized (sent) {
            return (int) sent.stream().filter(c -> c == commandCode).count();
        }
    }

    /** {@code TPM2_NV_Read} → count, sorted by name. */
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new TreeMap<>();
        synchronized (sent) {
            for (int cc : sent) {
                m.merge(TpmCc.name(cc), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Command names in the order sent. */
    public List<String> commands() {
        synchronized (sent) {
            return sent.stream().map(TpmCc::name).toList();
        }
    }

    /** Forgets what was counted. */
    public void reset() {
        synchronized (sent) {
            sent.clear();
        }
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return "counting " + inner;
    }
}

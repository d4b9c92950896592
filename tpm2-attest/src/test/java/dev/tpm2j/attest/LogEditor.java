package dev.tpm2j.attest;

import dev.tpm2j.attest.eventlog.EventLog;
import dev.tpm2j.attest.eventlog.LogFormat;
import dev.tpm2j.attest.eventlog.TcgEvent;
import dev.tpm2j.core.crypto.TpmHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Crafts a log from a real one (crypto-agile or SHA-1 only): the first event and every untouched event keep their exact
 * bytes; an event added or given new data gets digests that are the hash of its data in every bank of the log (what
 * honest firmware would have extended), so the crafted log still replays to the PCRs it now describes.
 */
public final class LogEditor {
    private final List<Integer> banks;
    private final boolean sha1Only;
    private final List<TcgEvent> original;
    /** Event records after the header, as bytes. */
    private final List<byte[]> records = new ArrayList<>();
    private final byte[] header;

    private LogEditor(byte[] log) {
        EventLog parsed = EventLog.parse(log);
        banks = parsed.banks();
        sha1Only = parsed.format() instanceof LogFormat.Sha1Only;
        original = parsed.events();
        header = java.util.Arrays.copyOf(log, original.get(1).offset());
        for (int i = 1; i < original.size(); i++) {
            int end = i + 1 < original.size() ? original.get(i + 1).offset() : log.length;
            records.add(java.util.Arrays.copyOfRange(log, original.get(i).offset(), end));
        }
    }

    /** An editor over one real log of testdata/eventlogs. */
    public static LogEditor of(String name) {
        return new LogEditor(TestData.eventLogBytes(name));
    }

    /** The number (position, header = 0) of the first original event that matches. */
    public int find(Predicate<TcgEvent> which) {
        return original.stream().filter(which).findFirst().orElseThrow().number();
    }

    /** Every original event's number that matches. */
    public List<Integer> findAll(Predicate<TcgEvent> which) {
        return original.stream().filter(which).map(TcgEvent::number).toList();
    }

    /** The original event at this number. */
    public TcgEvent event(int number) {
        return original.get(number);
    }

    /** Replaces the event at this position (counted in the edited log) by one with this data, hashed honestly. */
    public LogEditor replace(int number, int pcr, int type, byte[] data) {
        records.set(number - 1, record(pcr, type, data));
        return this;
    }

    /** Gives the original event at this position new data, hashed honestly; PCR and type stay. */
    public LogEditor replaceData(int number, byte[] data) {
        TcgEvent e = original.get(number);
        return replace(number, e.pcrIndex(), e.eventType(), data);
    }

    /** Inserts an event (hashed honestly) before the event at this position (at least 1: the first stays first). */
    public LogEditor insert(int number, int pcr, int type, byte[] data) {
        records.add(number - 1, record(pcr, type, data));
        return this;
    }

    /** Removes the event at this position (counted in the edited log). */
    public LogEditor remove(int number) {
        records.remove(number - 1);
        return this;
    }

    /** The crafted log. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The crafted log, parsed. */
    public EventLog parse() {
        return EventLog.parse(toBytes());
    }

    private byte[] record(int pcr, int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(pcr).putInt(type);
        out.writeBytes(head.array());
        if (sha1Only) {
            out.writeBytes(TpmHash.hash(banks.get(0), data));
        } else {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(banks.size()).array());
        }
        for (int bank : sha1Only ? List.<Integer>of() : banks) {
            out.write(bank & 0xFF);
            out.write(bank >>> 8);
            out.writeBytes(TpmHash.hash(bank, data));
        }
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        return out.toByteArray();
    }
}

package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the TCG PC Client measured-boot event log (Platform Firmware Profile §10): a crypto-agile log (SHA-1 header
 * event holding "Spec ID Event03", then TCG_PCR_EVENT2 records carrying a digest for every declared bank) or a
 * SHA-1-only log. Every length is checked against the bytes remaining before anything is read or allocated; any
 * violation is an {@link EventLogFormatException}. A parsed log keeps a copy of the bytes and the events' offsets
 * (about 1.2 times the input at worst), decoding an event again whenever it is asked for.
 */
final class EventLogParser {
    static final int MAX_BANKS = 16;
    private static final int SHA1_SIZE = 20;
    private static final byte[] SPEC_ID_03 = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPEC_ID_00 = "Spec ID Event00\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] STARTUP_LOCALITY = "StartupLocality\0".getBytes(StandardCharsets.US_ASCII);

    private EventLogParser() {
    }

    static EventLog parse(byte[] input) {
        byte[] log = input.clone();
        LeReader r = new LeReader(log, 0, log.length);
        if (!r.hasRemaining()) {
            throw r.error("the log is empty");
        }
        TcgEvent first = readSha1Event(r, 0);
        LogFormat format;
        if (first.eventType() == EventType.EV_NO_ACTION) {
            byte[] data = first.data().toByteArray();
            if (startsWith(data, SPEC_ID_03)) {
                format = new LogFormat.CryptoAgile(readSpecId(first));
            } else if (startsWith(data, SPEC_ID_00)) {
                format = new LogFormat.Sha1Only();
            } else {
                throw r.errorAt(first.offset(), "the first event is EV_NO_ACTION but not a Spec ID event ("
                        + data.length + " bytes of event data)");
            }
            if (first.pcrIndex() != 0) {
                throw r.errorAt(first.offset(), "the Spec ID event must be in PCR 0, not " + first.pcrIndex());
            }
        } else {
            format = new LogFormat.Sha1Only();
        }
        int locality = 0;
        boolean localitySeen = false;
        boolean pcr0Extended = first.extended() && first.pcrIndex() == 0;
        // only the offsets are kept: events are decoded again from the log bytes when asked for, so what a parsed log
        // retains is the bytes and four bytes per event, whatever the events declare
        int[] offsets = new int[16];
        int count = 1;
        while (r.hasRemaining()) {
            int at = r.offset();
            TcgEvent e = format instanceof LogFormat.CryptoAgile agile ? readAgileEvent(r, count, agile.specId())
                    : readSha1Event(r, count);
            if (e.eventType() == EventType.EV_NO_ACTION && startsWith(e.data().toByteArray(), STARTUP_LOCALITY)) {
                if (e.data().size() != STARTUP_LOCALITY.length + 1 || e.pcrIndex() != 0) {
                    throw r.errorAt(e.offset(), "StartupLocality event must be 17 bytes in PCR 0");
                }
                if (localitySeen) {
                    throw r.errorAt(e.offset(), "a second StartupLocality event");
                }
                if (pcr0Extended) {
                    throw r.errorAt(e.offset(), "a StartupLocality event after PCR 0 was extended");
                }
                localitySeen = true;
                locality = e.data().get(STARTUP_LOCALITY.length) & 0xFF;
            }
            pcr0Extended |= e.extended() && e.pcrIndex() == 0;
            if (count == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, count + (count >> 1));
            }
            offsets[count++] = at;
        }
        return new EventLog(format, new Events(log, java.util.Arrays.copyOf(offsets, count), format), locality);
    }

    /** The events of a parsed log, decoded on access from the log bytes at their offsets. Immutable. */
    static final class Events extends java.util.AbstractList<TcgEvent> implements java.util.RandomAccess {
        private final byte[] log;
        private final int[] offsets;
        private final LogFormat format;

        Events(byte[] log, int[] offsets, LogFormat format) {
            this.log = log;
            this.offsets = offsets;
            this.format = format;
        }

        @Override
        public TcgEvent get(int index) {
            LeReader r = new LeReader(log, offsets[index], log.length);
            return index > 0 && format instanceof LogFormat.CryptoAgile agile
                    ? readAgileEvent(r, index, agile.specId()) : readSha1Event(r, index);
        }

        @Override
        public int size() {
            return offsets.length;
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Checks a PCR index: 0..31 for events that are extended; EV_NO_ACTION events may name any index (Windows logs
     * record them under 0xFFFFFFFF), kept as the signed int.
     */
    private static int pcrIndex(LeReader r, int at, long pcr, int type) {
        if (pcr > 31 && type != EventType.EV_NO_ACTION) {
            throw r.errorAt(at, "PCR index " + pcr + " is out of range for " + EventType.name(type));
        }
        return (int) pcr;
    }

    /** TCG_PCR_EVENT: PCRIndex, EventType, a SHA-1 digest, EventSize, Event. */
    private static TcgEvent readSha1Event(LeReader r, int number) {
        int at = r.offset();
        long rawPcr = r.u32("PCRIndex");
        int type = (int) r.u32("EventType");
        int pcr = pcrIndex(r, at, rawPcr, type);
        byte[] digest = r.bytes(SHA1_SIZE, "SHA-1 digest");
        long size = r.u32("EventSize");
        byte[] data = r.bytes(size, "event data");
        return new TcgEvent(number, at, pcr, type, Map.of(TpmAlgId.SHA1, Bytes.of(digest)), Bytes.of(data));
    }

    /** TCG_PCR_EVENT2: PCRIndex, EventType, TPML_DIGEST_VALUES (one per declared bank), EventSize, Event. */
    private static TcgEvent readAgileEvent(LeReader r, int number, SpecIdEvent spec) {
        int at = r.offset();
        long rawPcr = r.u32("PCRIndex");
        int type = (int) r.u32("EventType");
        int pcr = pcrIndex(r, at, rawPcr, type);
        int countAt = r.offset();
        long count = r.u32("TPML_DIGEST_VALUES.count");
        if (count != spec.digestSizes().size()) {
            throw r.errorAt(countAt, "event carries " + count + " digests, the header declares "
                    + spec.digestSizes().size() + " banks");
        }
        Map<Integer, Bytes> digests = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int algAt = r.offset();
            int alg = r.u16("TPMT_HA.hashAlg");
            Integer size = spec.digestSizes().get(alg);
            if (size == null) {
                throw r.errorAt(algAt, "digest for " + TpmAlgId.name(alg) + ", a bank the header did not declare");
            }
            if (digests.containsKey(alg)) {
                throw r.errorAt(algAt, "two digests for " + TpmAlgId.name(alg));
            }
            digests.put(alg, Bytes.of(r.bytes(size, "TPMT_HA.digest")));
        }
        long size = r.u32("EventSize");
        byte[] data = r.bytes(size, "event data");
        return new TcgEvent(number, at, pcr, type, digests, Bytes.of(data));
    }

    /** TCG_EfiSpecIDEvent inside the first event's data; must fill it exactly. */
    private static SpecIdEvent readSpecId(TcgEvent first) {
        byte[] data = first.data().toByteArray();
        int base = first.offset() + 4 + 4 + SHA1_SIZE + 4;
        LeReader r = new LeReader(data, 0, data.length);
        try {
            r.bytes(SPEC_ID_03.length, "Spec ID signature");
            long platformClass = r.u32("platformClass");
            int minor = r.u8("specVersionMinor");
            int major = r.u8("specVersionMajor");
            int errata = r.u8("specErrata");
            if (major != 2 || minor != 0) {
                throw r.error("Spec ID version " + major + "." + minor + " is not 2.0");
            }
            int uintn = r.u8("uintnSize");
            if (uintn != 1 && uintn != 2) {
                throw r.error("uintnSize must be 1 or 2, got " + uintn);
            }
            long n = r.u32("numberOfAlgorithms");
            if (n == 0 || n > MAX_BANKS) {
                throw r.error("numberOfAlgorithms " + n + " is outside 1.." + MAX_BANKS);
            }
            Map<Integer, Integer> sizes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int alg = r.u16("algorithmId");
                int size = r.u16("digestSize");
                int known = TpmAlgId.digestSize(alg);
                if (known > 0 && known != size) {
                    throw r.error(TpmAlgId.name(alg) + " declared with digest size " + size + ", not " + known);
                }
                if (size == 0 || size > 64) {
                    throw r.error("digest size " + size + " for " + TpmAlgId.name(alg) + " is outside 1..64");
                }
                if (sizes.put(alg, size) != null) {
                    throw r.error(TpmAlgId.name(alg) + " declared twice");
                }
            }
            int vendorInfoSize = r.u8("vendorInfoSize");
            r.bytes(vendorInfoSize, "vendorInfo");
            if (r.hasRemaining()) {
                throw r.error(r.remaining() + " bytes after the Spec ID event's vendor info");
            }
            return new SpecIdEvent(platformClass, major, minor, errata, uintn, sizes, vendorInfoSize);
        } catch (EventLogFormatException e) {
            // re-anchor the offset from the event data to the log
            throw new EventLogFormatException(base + e.offset(), e.getMessage().replaceFirst(
                    "^event log at offset \\d+: ", "Spec ID event: "));
        }
    }
}

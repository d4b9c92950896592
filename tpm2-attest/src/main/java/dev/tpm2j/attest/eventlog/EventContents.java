package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.marshal.Bytes;
import java.nio.charset.StandardCharsets;

/** Decodes event data by event type; bounded, never throws (bad data becomes {@link EventContent.Undecodable}). */
final class EventContents {
    private EventContents() {
    }

    static EventContent decode(TcgEvent e) {
        Bytes data = e.data();
        byte[] d = data.toByteArray();
        try {
            return switch (e.eventType()) {
                case EventType.EV_NO_ACTION -> noAction(e, d);
                case EventType.EV_EFI_VARIABLE_DRIVER_CONFIG, EventType.EV_EFI_VARIABLE_BOOT,
                        EventType.EV_EFI_VARIABLE_BOOT2, EventType.EV_EFI_VARIABLE_AUTHORITY -> variable(d);
                case EventType.EV_EFI_BOOT_SERVICES_APPLICATION, EventType.EV_EFI_BOOT_SERVICES_DRIVER,
                        EventType.EV_EFI_RUNTIME_SERVICES_DRIVER -> imageLoad(d);
                case EventType.EV_SEPARATOR -> new EventContent.Separator(data);
                case EventType.EV_EFI_ACTION, EventType.EV_ACTION -> new EventContent.Action(ascii(d));
                case EventType.EV_IPL -> new EventContent.Ipl(printable(d), data);
                default -> new EventContent.Raw(data);
            };
        } catch (EventLogFormatException ex) {
            return new EventContent.Undecodable(ex.getMessage(), data);
        }
    }

    private static EventContent noAction(TcgEvent e, byte[] d) {
        if (e.number() == 0 && e.pcrIndex() == 0) {
            try {
                EventLog header = EventLogParser.parse(headerOnly(e));
                if (header.format() instanceof LogFormat.CryptoAgile a) {
                    return new EventContent.SpecId(a.specId());
                }
            } catch (EventLogFormatException ignored) {
                // fall through to the generic form
            }
        }
        if (d.length == EventLogParser.STARTUP_LOCALITY.length + 1
                && ascii(java.util.Arrays.copyOf(d, 15)).equals("StartupLocality")) {
            return new EventContent.StartupLocality(d[d.length - 1] & 0xFF);
        }
        int n = 0;
        while (n < Math.min(16, d.length) && d[n] >= 0x20 && d[n] < 0x7F) {
            n++;
        }
        return new EventContent.NoAction(new String(d, 0, n, StandardCharsets.US_ASCII), Bytes.of(d));
    }

    /** Re-serializes the header event alone so the parser can decode its Spec ID data. */
    private static byte[] headerOnly(TcgEvent e) {
        byte[] data = e.data().toByteArray();
        byte[] out = new byte[32 + data.length];
        out[4] = (byte) EventType.EV_NO_ACTION;
        int n = data.length;
        out[28] = (byte) n;
        out[29] = (byte) (n >>> 8);
        out[30] = (byte) (n >>> 16);
        out[31] = (byte) (n >>> 24);
        System.arraycopy(data, 0, out, 32, n);
        return out;
    }

    private static EventContent variable(byte[] d) {
        LeReader r = new LeReader(d, 0, d.length);
        String guid = guid(r.bytes(16, "VariableName"));
        long nameChars = r.u64("UnicodeNameLength");
        long dataLength = r.u64("VariableDataLength");
        if (nameChars < 0 || nameChars > r.remaining() / 2) {
            throw r.error("UnicodeNameLength " + Long.toUnsignedString(nameChars) + " exceeds the data");
        }
        String name = new String(r.bytes(nameChars * 2, "UnicodeName"), StandardCharsets.UTF_16LE);
        byte[] value = r.bytes(dataLength, "VariableData");
        return new EventContent.EfiVariable(guid, name, Bytes.of(value));
    }

    private static EventContent imageLoad(byte[] d) {
        LeReader r = new LeReader(d, 0, d.length);
        long location = r.u64("ImageLocationInMemory");
        long length = r.u64("ImageLengthInMemory");
        long link = r.u64("ImageLinkTimeAddress");
        long pathLength = r.u64("LengthOfDevicePath");
        byte[] path = r.bytes(pathLength, "DevicePath");
        return new EventContent.ImageLoad(location, length, link, Bytes.of(path), DevicePath.summary(path));
    }

    /** An EFI_GUID (u32, u16, u16 little-endian, then 8 bytes) in its usual text form. */
    static String guid(byte[] g) {
        return String.format("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
    }

    private static String ascii(byte[] d) {
        int n = d.length;
        while (n > 0 && d[n - 1] == 0) {
            n--;
        }
        return printable(java.util.Arrays.copyOf(d, n));
    }

    /** The data as text with non-printable bytes shown as '.', trailing NULs dropped. */
    private static String printable(byte[] d) {
        int n = d.length;
        while (n > 0 && d[n - 1] == 0) {
            n--;
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = d[i] & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return b.toString();
    }
}

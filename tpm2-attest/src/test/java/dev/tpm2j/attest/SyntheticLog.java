package dev.tpm2j.attest;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.types.TpmAlgId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a crypto-agile TCG PC Client event log (SHA-1 and SHA-256 banks) for tests: a Spec ID header, optionally a
 * StartupLocality event, then events whose digests are given or the hash of their data.
 */
public final class SyntheticLog {
    /** One event: PCR, type, data, and per-bank digests (SHA-1, SHA-256). */
    public record Event(int pcr, int type, byte[] data, byte[] sha1, byte[] sha256) {
        /** An event whose digests are the hash of its data. */
        public static Event of(int pcr, int type, byte[] data) {
            return new Event(pcr, type, data, TpmHash.hash(TpmAlgId.SHA1, data), TpmHash.hash(TpmAlgId.SHA256, data));
        }
    }

    private final List<Event> events = new ArrayList<>();

    /** An empty log; {@link #add} appends events. */
    public SyntheticLog() {
    }

    /** Adds an event. */
    public SyntheticLog add(Event e) {
        events.add(e);
        return this;
    }

    /** The events added so far. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The log bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer spec = le(16 + 4 + 4 + 4 + 8 + 1);
        spec.put("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 0).put((byte) 2)
                .put((byte) 0).put((byte) 2).putInt(2).putShort((short) TpmAlgId.SHA1).putShort((short) 20)
                .putShort((short) TpmAlgId.SHA256).putShort((short) 32).put((byte) 0);
        ByteBuffer header = le(32);
        header.putInt(0).putInt(3).put(new byte[20]).putInt(spec.capacity());
        out.writeBytes(header.array());
        out.writeBytes(spec.array());
        for (Event e : events) {
            ByteBuffer b = le(4 + 4 + 4 + 2 + 20 + 2 + 32 + 4 + e.data().length);
            b.putInt(e.pcr()).putInt(e.type()).putInt(2).putShort((short) TpmAlgId.SHA1).put(e.sha1())
                    .putShort((short) TpmAlgId.SHA256).put(e.sha256()).putInt(e.data().length).put(e.data());
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** UEFI_VARIABLE_DATA for a variable in the EFI global namespace. */
    public static byte[] efiGlobalVariable(String name, byte[] value) {
        byte[] guid = {(byte) 0x61, (byte) 0xdf, (byte) 0xe4, (byte) 0x8b, (byte) 0xca, (byte) 0x93, (byte) 0xd2,
                (byte) 0x11, (byte) 0xaa, (byte) 0x0d, 0x00, (byte) 0xe0, (byte) 0x98, 0x03, (byte) 0x2b,
                (byte) 0x8c};
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = le(16 + 8 + 8 + n.length + value.length);
        b.put(guid).putLong(name.length()).putLong(value.length).put(n).put(value);
        return b.array();
    }

    /** UEFI_IMAGE_LOAD_EVENT with a device path of one file-path node (plus the end node). */
    public static byte[] imageLoad(String filePath) {
        byte[] p = (filePath + "\0").getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer path = le(4 + p.length + 4);
        path.put((byte) 4).put((byte) 4).putShort((short) (4 + p.length)).put(p).put((byte) 0x7f).put((byte) 0xff)
                .putShort((short) 4);
        ByteBuffer b = le(32 + path.capacity());
        b.putLong(0x10000).putLong(0x2000).putLong(0).putLong(path.capacity()).put(path.array());
        return b.array();
    }
}

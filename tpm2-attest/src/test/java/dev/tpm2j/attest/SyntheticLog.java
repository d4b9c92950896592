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

    /** UEFI_VARIABLE_DATA for a variable in the image security database namespace (db, dbx). */
    public static byte[] imageSecurityVariable(String name, byte[] value) {
        byte[] data = efiGlobalVariable(name, value);
        byte[] guid = {(byte) 0xcb, (byte) 0xb2, 0x19, (byte) 0xd7, 0x3a, 0x3d, (byte) 0x96, 0x45, (byte) 0xa3,
                (byte) 0xbc, (byte) 0xda, (byte) 0xd0, 0x0e, 0x67, 0x65, 0x6f};
        System.arraycopy(guid, 0, data, 0, 16);
        return data;
    }

    /** An EFI_SIGNATURE_LIST holding one EFI_CERT_SHA256 entry (owner GUID zero) with this hash. */
    public static byte[] sha256SignatureList(byte[] hash) {
        byte[] type = {0x26, 0x16, (byte) 0xc4, (byte) 0xc1, 0x4c, 0x50, (byte) 0x92, 0x40, (byte) 0xac, (byte) 0xa9,
                0x41, (byte) 0xf9, 0x36, (byte) 0x93, 0x43, 0x28};
        ByteBuffer b = le(28 + 16 + 32);
        b.put(type).putInt(28 + 16 + 32).putInt(0).putInt(16 + 32).put(new byte[16]).put(hash);
        return b.array();
    }

    /**
     * The PCR 7 events of a firmware that booted with Secure Boot on, in go-attestation's terms: SecureBoot = 1, PK,
     * KEK, db and dbx, the separator, then the db entry that verified the boot loader (EV_EFI_VARIABLE_AUTHORITY).
     */
    public SyntheticLog secureBootOn() {
        byte[] key = TpmHash.hash(TpmAlgId.SHA256, "a key".getBytes(StandardCharsets.US_ASCII));
        add(Event.of(7, 0x80000001, efiGlobalVariable("SecureBoot", new byte[] {1})));
        add(Event.of(7, 0x80000001, efiGlobalVariable("PK", sha256SignatureList(key))));
        add(Event.of(7, 0x80000001, efiGlobalVariable("KEK", sha256SignatureList(key))));
        add(Event.of(7, 0x80000001, imageSecurityVariable("db", sha256SignatureList(key))));
        add(Event.of(7, 0x80000001, imageSecurityVariable("dbx", sha256SignatureList(new byte[32]))));
        add(Event.of(7, 4, new byte[4]));
        add(Event.of(7, 0x800000E0, imageSecurityVariable("db", sha256SignatureList(key))));
        return this;
    }
}

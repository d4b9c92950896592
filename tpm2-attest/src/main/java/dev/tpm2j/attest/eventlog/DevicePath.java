package dev.tpm2j.attest.eventlog;

import java.nio.charset.StandardCharsets;

/** A readable summary of a UEFI device path (the common node types; others shown by type and subtype). Bounded. */
final class DevicePath {
    private static final int MAX_NODES = 64;

    private DevicePath() {
    }

    static String summary(byte[] path) {
        StringBuilder b = new StringBuilder();
        LeReader r = new LeReader(path, 0, path.length);
        for (int nodes = 0; r.hasRemaining() && nodes < MAX_NODES; nodes++) {
            if (r.remaining() < 4) {
                return b.append(sep(b)).append("(truncated)").toString();
            }
            int type = r.u8("type");
            int sub = r.u8("subtype");
            int len = r.u16("length");
            if (len < 4 || len - 4 > r.remaining()) {
                return b.append(sep(b)).append("(malformed node)").toString();
            }
            LeReader n = r.slice(len - 4L, "node");
            if (type == 0x7F) {
                if (sub == 0xFF) {
                    break;
                }
                b.append(sep(b)).append("|");
                continue;
            }
            b.append(sep(b)).append(node(type, sub, n));
        }
        return b.toString();
    }

    private static String sep(StringBuilder b) {
        return b.isEmpty() ? "" : "/";
    }

    private static String node(int type, int sub, LeReader n) {
        try {
            if (type == 1 && sub == 1 && n.remaining() >= 2) {
                int function = n.u8("function");
                int device = n.u8("device");
                return String.format("Pci(0x%x,0x%x)", device, function);
            }
            if (type == 2 && sub == 1 && n.remaining() >= 8) {
                long hid = n.u32("HID");
                long uid = n.u32("UID");
                return hid == 0x0A0341D0L ? String.format("PciRoot(0x%x)", uid)
                        : hid == 0x0A0841D0L ? String.format("PcieRoot(0x%x)", uid)
                        : String.format("Acpi(0x%08x,0x%x)", hid, uid);
            }
            if (type == 3 && sub == 2 && n.remaining() >= 4) {
                return String.format("Scsi(0x%x,0x%x)", n.u16("pun"), n.u16("lun"));
            }
            if (type == 3 && sub == 0x12 && n.remaining() >= 6) {
                return String.format("Sata(0x%x,0x%x,0x%x)", n.u16("hba"), n.u16("pm"), n.u16("lun"));
            }
            if (type == 3 && sub == 0x17 && n.remaining() >= 4) {
                return String.format("NVMe(0x%x)", n.u32("nsid"));
            }
            if (type == 4 && sub == 1 && n.remaining() >= 4) {
                return "HD(" + n.u32("partition") + ")";
            }
            if (type == 4 && sub == 4) {
                byte[] s = n.bytes(n.remaining() & ~1, "path");
                String text = new String(s, StandardCharsets.UTF_16LE);
                int nul = text.indexOf('\0');
                return nul >= 0 ? text.substring(0, nul) : text;
            }
            if (type == 4 && (sub == 6 || sub == 7) && n.remaining() >= 16) {
                return (sub == 6 ? "FvFile(" : "Fv(") + EventContents.guid(n.bytes(16, "guid")) + ")";
            }
        } catch (EventLogFormatException e) {
            return "(malformed node)";
        }
        return String.format("Path(%d,%d)", type, sub);
    }
}

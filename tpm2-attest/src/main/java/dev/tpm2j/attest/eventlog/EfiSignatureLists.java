package dev.tpm2j.attest.eventlog;

/** Counts the entries of a UEFI signature database value (EFI_SIGNATURE_LIST records back to back). */
final class EfiSignatureLists {
    private static final int HEADER = 16 + 4 + 4 + 4;
    private static final int OWNER = 16;

    private EfiSignatureLists() {
    }

    /**
     * The number of EFI_SIGNATURE_DATA entries in {@code value}, or -1 when it is not a sequence of well-formed
     * EFI_SIGNATURE_LIST records (each: type GUID, list size, header size, signature size; header; entries of
     * signature size, each at least an owner GUID, filling the list exactly).
     */
    static long count(byte[] value) {
        LeReader r = new LeReader(value, 0, value.length);
        long entries = 0;
        try {
            while (r.hasRemaining()) {
                r.bytes(16, "SignatureType");
                long listSize = r.u32("SignatureListSize");
                long headerSize = r.u32("SignatureHeaderSize");
                long signatureSize = r.u32("SignatureSize");
                long body = listSize - HEADER - headerSize;
                if (listSize < HEADER || body < 0 || signatureSize < OWNER || body % signatureSize != 0) {
                    return -1;
                }
                r.slice(headerSize + body, "EFI_SIGNATURE_LIST"); // past the value: EventLogFormatException
                entries += body / signatureSize;
            }
        } catch (EventLogFormatException e) {
            return -1;
        }
        return entries;
    }
}

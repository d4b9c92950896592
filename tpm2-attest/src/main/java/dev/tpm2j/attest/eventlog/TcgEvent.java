package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.marshal.Bytes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of the log (TCG_PCR_EVENT or TCG_PCR_EVENT2), as recorded: nothing here is verified until the replay
 * matches a quote.
 *
 * @param number position in the log, from 0 (the header event counts)
 * @param offset where the event starts in the log bytes
 * @param pcrIndex the PCR it was extended into (EV_NO_ACTION events may carry any value, e.g. -1 in Windows logs)
 * @param eventType the event type ({@link EventType})
 * @param digests hash algorithm → digest, one per bank, in log order
 * @param data the event data (its meaning depends on the type; see {@link #content()})
 */
public record TcgEvent(int number, int offset, int pcrIndex, int eventType, Map<Integer, Bytes> digests,
                       Bytes data) {
    /** Copies the digest map, keeping its order. */
    public TcgEvent {
        digests = Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }

    /** The event's name, e.g. {@code EV_SEPARATOR}. */
    public String typeName() {
        return EventType.name(eventType);
    }

    /** Whether this event is extended into a PCR (EV_NO_ACTION events never are). */
    public boolean extended() {
        return eventType != EventType.EV_NO_ACTION;
    }

    /**
     * Whether every digest this event carries (in banks the JDK can hash) is the hash of its data. Only then does a
     * replay that matches a quote vouch for the data shown, rather than for the digest alone. True for honest
     * separator, action, EV_EFI_VARIABLE_DRIVER_CONFIG and _AUTHORITY events; false for boot application and driver
     * events (their digests are image hashes) and for most real EV_EFI_VARIABLE_BOOT events (firmware such as EDK2
     * hashes only the variable's value, not the whole UEFI_VARIABLE_DATA).
     */
    public boolean digestCoversData() {
        byte[] d = data.toByteArray();
        boolean any = false;
        for (Map.Entry<Integer, Bytes> e : digests.entrySet()) {
            if (dev.tpm2j.core.types.TpmAlgId.isHash(e.getKey())) {
                any = true;
                byte[] h = dev.tpm2j.core.crypto.TpmHash.hash(e.getKey(), d);
                if (!java.security.MessageDigest.isEqual(h, e.getValue().toByteArray())) {
                    return false;
                }
            }
        }
        return any;
    }

    /**
     * Whether this event's type defines its digest as the hash of its data (separators, EV_ACTION, EV_EFI_ACTION,
     * EV_EFI_VARIABLE_DRIVER_CONFIG, EV_EFI_VARIABLE_AUTHORITY): for these, data not covered by the digest was
     * changed after measurement (or never measured) and must not be shown as what the platform did.
     */
    public boolean digestDefinedOverData() {
        return eventType == EventType.EV_SEPARATOR || eventType == EventType.EV_ACTION
                || eventType == EventType.EV_EFI_ACTION || eventType == EventType.EV_EFI_VARIABLE_DRIVER_CONFIG
                || eventType == EventType.EV_EFI_VARIABLE_AUTHORITY;
    }

    /**
     * Whether the data shown for this event is untrustworthy: its type says the digest covers it, and it does not.
     * An EV_EFI_VARIABLE_AUTHORITY event whose digest covers all but its last byte is not flagged: shim before
     * rhboot/shim commit 8a27a48 logged one stray byte after the signature data (go-attestation tolerates it too).
     */
    public boolean dataForged() {
        return digestDefinedOverData() && !digestCoversData()
                && !(eventType == EventType.EV_EFI_VARIABLE_AUTHORITY && shimStrayByte());
    }

    /** Whether the digest covers the data without its last byte (shim's stray byte in authority events). */
    boolean shimStrayByte() {
        return data.size() > 0 && new TcgEvent(number, offset, pcrIndex, eventType, digests,
                data.slice(0, data.size() - 1)).digestCoversData();
    }

    /** The event data, decoded by type (never throws: data that does not decode gives a typed fallback). */
    public EventContent content() {
        return EventContents.decode(this);
    }
}

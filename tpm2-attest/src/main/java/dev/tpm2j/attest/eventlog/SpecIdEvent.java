package dev.tpm2j.attest.eventlog;

import dev.tpm2j.attest.HashBank;
import java.util.List;
import java.util.Map;

/**
 * TCG_EfiSpecIDEvent ("Spec ID Event03"): the header of a crypto-agile log, carried in the first (SHA-1 format)
 * event. It declares the banks, and each bank's digest size, that every following TCG_PCR_EVENT2 record carries.
 *
 * @param platformClass 0 client, 1 server
 * @param specVersionMajor major version of the firmware profile (2)
 * @param specVersionMinor minor version
 * @param specErrata errata level
 * @param uintnSize 1 for 32-bit UINTN, 2 for 64-bit
 * @param digestSizes hash algorithm → digest size, in header order
 * @param vendorInfoSize length of the vendor information that ends the header
 */
public record SpecIdEvent(long platformClass, int specVersionMajor, int specVersionMinor, int specErrata,
                          int uintnSize, Map<Integer, Integer> digestSizes, int vendorInfoSize) {
    /** Copies the map, keeping its order. */
    public SpecIdEvent {
        digestSizes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(digestSizes));
    }

    /** The declared banks, in header order. */
    public List<Integer> banks() {
        return List.copyOf(digestSizes.keySet());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Spec ID Event03 v").append(specVersionMajor).append('.')
                .append(specVersionMinor).append(" banks:");
        digestSizes.keySet().forEach(a -> b.append(' ').append(HashBank.name(a)));
        return b.toString();
    }
}

package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.marshal.Bytes;

/**
 * An event's data decoded by its type, so a verifier can write policy ("Secure Boot on", "only these boot
 * applications"). Content is what the log says; for types whose digest is the hash of the data (driver
 * configuration and authority variables, separators, actions) {@link TcgEvent#dataForged()} tells when the digest
 * does not vouch for it.
 */
public sealed interface EventContent {
    /** The header of a crypto-agile log. */
    record SpecId(SpecIdEvent specId) implements EventContent {
    }

    /** EV_NO_ACTION "StartupLocality": the locality the platform started from. */
    record StartupLocality(int locality) implements EventContent {
    }

    /** Another EV_NO_ACTION event (not extended), e.g. a vendor or SP800-155 event; {@code signature} is its tag. */
    record NoAction(String signature, Bytes data) implements EventContent {
    }

    /**
     * UEFI_VARIABLE_DATA (EV_EFI_VARIABLE_DRIVER_CONFIG, _BOOT, _BOOT2, _AUTHORITY): a UEFI variable's vendor GUID,
     * name and value.
     */
    record EfiVariable(String vendorGuid, String name, Bytes value) implements EventContent {
        /** The EFI global variable GUID (SecureBoot, PK, KEK, Boot####, BootOrder). */
        public static final String EFI_GLOBAL_VARIABLE = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
        /** The image security database GUID (db, dbx). */
        public static final String IMAGE_SECURITY_DATABASE = "d719b2cb-3d3a-4596-a3bc-dad00e67656f";

        /** Whether this is the SecureBoot variable of the EFI global namespace. */
        public boolean isSecureBoot() {
            return EFI_GLOBAL_VARIABLE.equals(vendorGuid) && "SecureBoot".equals(name);
        }
    }

    /**
     * UEFI_IMAGE_LOAD_EVENT (EV_EFI_BOOT_SERVICES_APPLICATION, _DRIVER, EV_EFI_RUNTIME_SERVICES_DRIVER): where an
     * image was loaded and the device path it came from (raw, with a readable summary such as
     * {@code PciRoot(0x0)/Pci(0x1,0x3)/HD(1)/\EFI\BOOT\BOOTX64.EFI}).
     */
    record ImageLoad(long imageLocation, long imageLength, long linkTimeAddress, Bytes devicePath,
                     String devicePathSummary) implements EventContent {
    }

    /**
     * EV_SEPARATOR: 0x00000000 normally ("WBCL" in Windows' own PCR 12-14 separators), 0x00000001 or 0xFFFFFFFF
     * when firmware signals an error. The value shown is the data; check {@link TcgEvent#dataForged()} before
     * believing it.
     */
    record Separator(Bytes value) implements EventContent {
        /** Whether the separator signals a firmware error rather than the normal end of pre-OS measurements. */
        public boolean signalsError() {
            return !value.equals(Bytes.of(new byte[4])) && !value.equals(Bytes.of(new byte[] {'W', 'B', 'C', 'L'}));
        }
    }

    /** EV_EFI_ACTION or EV_ACTION: a fixed ASCII string such as "Calling EFI Application from Boot Option". */
    record Action(String text) implements EventContent {
    }

    /** EV_IPL: what a boot loader measured (GRUB writes commands and file names as text; others write binary). */
    record Ipl(String text, Bytes data) implements EventContent {
    }

    /** A type tpm2j does not decode (or data too short for its type); the raw data. */
    record Raw(Bytes data) implements EventContent {
    }

    /** Data that claims a known type but does not decode as it; why, and the raw data. */
    record Undecodable(String why, Bytes data) implements EventContent {
    }
}

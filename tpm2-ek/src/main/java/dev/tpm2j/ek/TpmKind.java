package dev.tpm2j.ek;

import java.util.Locale;

/**
 * What kind of TPM answers, from its manufacturer id and vendor strings: a discrete chip, firmware (Intel PTT, AMD
 * fTPM, Qualcomm), a virtual TPM (Hyper-V, cloud) or a software simulator. Autopilot self-deploying and
 * pre-provisioning refuse virtual and simulated TPMs.
 *
 * @param category discrete, firmware, virtual, simulator or unknown
 * @param reason   why, in one sentence
 */
public record TpmKind(Category category, String reason) {
    /** The kinds of TPM. */
    public enum Category {
        /** A discrete TPM chip (Infineon, Nuvoton, STMicro, …). */
        DISCRETE("discrete"),
        /** A firmware TPM (Intel PTT, AMD fTPM/Pluton, Qualcomm). */
        FIRMWARE("firmware"),
        /** A hypervisor's or cloud's virtual TPM. */
        VIRTUAL("virtual"),
        /** A software simulator (swtpm, the IBM/Microsoft simulators). */
        SIMULATOR("simulator"),
        /** A manufacturer tpm2j does not know. */
        UNKNOWN("unknown");

        private final String id;

        Category(String id) {
            this.id = id;
        }

        /** The stable lower-case id used in reports and JSON. */
        public String id() {
            return id;
        }
    }

    /** The stable lower-case id of {@link #category()} ("discrete", "firmware", …). */
    public String kind() {
        return category.id();
    }

    /** Autopilot self-deploying and pre-provisioning refuse virtual and simulated TPMs. */
    public boolean refusedByAutopilot() {
        return category == Category.VIRTUAL || category == Category.SIMULATOR;
    }

    /** Classifies a TPM from its vendor facts. */
    public static TpmKind of(EkInventory.VendorInfo v) {
        String m = v.manufacturer().toUpperCase(Locale.ROOT);
        String strings = String.join(" ", v.vendorStrings());
        if (m.equals("IBM") && strings.toUpperCase(Locale.ROOT).contains("SW")) {
            return new TpmKind(Category.SIMULATOR, "manufacturer IBM with vendor string '" + strings
                    + "' is the IBM/swtpm software TPM");
        }
        if (strings.toUpperCase(Locale.ROOT).contains("SIM")) {
            return new TpmKind(Category.SIMULATOR, "vendor string '" + strings + "' names a simulator");
        }
        return switch (m) {
            case "MSFT" -> new TpmKind(Category.VIRTUAL, "manufacturer MSFT is a Microsoft virtual TPM (Hyper-V / Azure)");
            case "GOOG" -> new TpmKind(Category.VIRTUAL, "manufacturer GOOG is a Google virtual TPM (Compute Engine)");
            case "AMZN" -> new TpmKind(Category.VIRTUAL, "manufacturer AMZN is an AWS NitroTPM");
            case "INTC" -> new TpmKind(Category.FIRMWARE, "manufacturer INTC is Intel Platform Trust Technology (firmware)");
            case "AMD" -> new TpmKind(Category.FIRMWARE, "manufacturer AMD is an AMD firmware TPM (fTPM or Pluton)");
            case "QCOM" -> new TpmKind(Category.FIRMWARE, "manufacturer QCOM is a Qualcomm firmware TPM");
            case "IFX", "NTC", "STM", "NSG", "NTZ", "ATML", "BRCM", "ROCC", "SMSC", "TXN", "WEC", "SNS" ->
                    new TpmKind(Category.DISCRETE, "manufacturer " + m + " makes discrete TPM chips");
            default -> new TpmKind(Category.UNKNOWN, "manufacturer '" + m + "' is not one tpm2j knows");
        };
    }
}

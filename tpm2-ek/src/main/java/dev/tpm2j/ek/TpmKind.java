package dev.tpm2j.ek;

import java.util.Locale;

/**
 * What kind of TPM answers, from its manufacturer id and vendor strings: a discrete chip, firmware (Intel PTT, AMD
 * fTPM, Qualcomm), a virtual TPM (Hyper-V, cloud) or a software simulator. Autopilot self-deploying and
 * pre-provisioning refuse virtual and simulated TPMs.
 *
 * @param kind   discrete, firmware, virtual or simulator
 * @param reason why, in one sentence
 */
public record TpmKind(String kind, String reason) {
    public static TpmKind of(EkInventory.VendorInfo v) {
        String m = v.manufacturer().toUpperCase(Locale.ROOT);
        String strings = String.join(" ", v.vendorStrings());
        if (m.equals("IBM") && strings.toUpperCase(Locale.ROOT).contains("SW")) {
            return new TpmKind("simulator", "manufacturer IBM with vendor string '" + strings
                    + "' is the IBM/swtpm software TPM");
        }
        if (strings.toUpperCase(Locale.ROOT).contains("SIM")) {
            return new TpmKind("simulator", "vendor string '" + strings + "' names a simulator");
        }
        return switch (m) {
            case "MSFT" -> new TpmKind("virtual", "manufacturer MSFT is a Microsoft virtual TPM (Hyper-V / Azure)");
            case "GOOG" -> new TpmKind("virtual", "manufacturer GOOG is a Google virtual TPM (Compute Engine)");
            case "AMZN" -> new TpmKind("virtual", "manufacturer AMZN is an AWS NitroTPM");
            case "INTC" -> new TpmKind("firmware", "manufacturer INTC is Intel Platform Trust Technology (firmware)");
            case "AMD" -> new TpmKind("firmware", "manufacturer AMD is an AMD firmware TPM (fTPM or Pluton)");
            case "QCOM" -> new TpmKind("firmware", "manufacturer QCOM is a Qualcomm firmware TPM");
            case "IFX", "NTC", "STM", "NSG", "NTZ", "ATML", "BRCM", "ROCC", "SMSC", "TXN", "WEC", "SNS" ->
                    new TpmKind("discrete", "manufacturer " + m + " makes discrete TPM chips");
            default -> new TpmKind("unknown", "manufacturer '" + m + "' is not one tpm2j knows");
        };
    }
}

package dev.tpm2j.ek;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.ek.EkInventory.VendorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The TPM's vendor facts for {@link EkInventory}: manufacturer, vendor strings, firmware and spec version. */
final class VendorFacts {
    private VendorFacts() {
    }

    /** The vendor facts alone (one or two GetCapability round trips). */
    public static VendorInfo read(Tpm tpm) {
        Map<Integer, Integer> p = tpm.fixedProperties();
        String manufacturer = ascii(p.getOrDefault(TpmPt.MANUFACTURER, 0));
        List<String> strings = new ArrayList<>();
        for (int pt = TpmPt.VENDOR_STRING_1; pt <= TpmPt.VENDOR_STRING_4; pt++) {
            String s = ascii(p.getOrDefault(pt, 0));
            if (!s.isEmpty()) {
                strings.add(s);
            }
        }
        int fw1 = p.getOrDefault(TpmPt.FIRMWARE_VERSION_1, 0);
        int fw2 = p.getOrDefault(TpmPt.FIRMWARE_VERSION_2, 0);
        String fw = (fw1 >>> 16) + "." + (fw1 & 0xFFFF) + "." + (fw2 >>> 16) + "." + (fw2 & 0xFFFF);
        return new VendorInfo(manufacturer, strings, fw, p.getOrDefault(TpmPt.LEVEL, 0),
                p.getOrDefault(TpmPt.REVISION, 0), p.getOrDefault(TpmPt.YEAR, 0),
                p.getOrDefault(TpmPt.DAY_OF_YEAR, 0));
    }

    static String ascii(int v) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (v >>> shift) & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            }
        }
        return sb.toString().strip();
    }
}

package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The same code ranks its causes differently by what else the paste holds, and each place says why. */
class RankingTest {

    private static String top(String paste) {
        return ExplainerTest.recognised(paste).causes().get(0).id();
    }

    @Test
    void theRestOfThePasteDecides() {
        assertEquals("virtual-tpm", top("0x800705B4"));
        assertEquals("not-tpm20", top("Securing your hardware (Failed: 0x800705b4)\nTPM Version: 1.2"));
        assertEquals("clock", top("Securing your hardware (Failed: 0x800705b4) - the clock was 7 minutes behind"));
        assertEquals("no-ek-cert", top("0x81039001"));
        assertEquals("tpm-not-ready", top("TPM attestation failed 0x81039001\nReady For Attestation: False"));
        assertEquals("ek-chain", top("0x81039001\nNo valid TPM EK/Platform Certificate provided in the TPM identity "
                + "request message"));
        assertEquals("wrong-aik-url", top("0x81039001 https://AMD-KeyId-578c545f796951421221a4a578acdb5f682f89c8"
                + ".microsoftaik.azure.net/templates/Aik/scep {\"Message\":\"The authority does not exist.\"}"));
        assertEquals("ek-cert-missing-at-vendor", top("{\"Message\":\"The authority does not exist.\"}\n"
                + "GET https://ekop.intel.com/ekcertservice/abc Response: HTTP 404 \"Certificate not found\""));
        assertEquals("tpm-vulnerable", top("0x81039001 ROCA"));
        assertEquals("not-authorized", top("0x801C0003"));
        assertEquals("tpm-firmware-update", top("0x801C0003 {\"Code\":\"AuthorizationError\",\"SubCode\":"
                + "\"MsaTicketTpmValidationFailed\"}"));
        assertEquals("device-limit", top("0x801C0003 the user reached the maximum number of devices"));
    }

    @Test
    void everyPlaceIsExplained() {
        Explanation.Recognised r = ExplainerTest.recognised("TPM attestation failed 0x81039001\n"
                + "Ready For Attestation: False");
        RankedCause first = r.ranked().get(0);
        assertTrue(first.why().stream().anyMatch(w -> w.contains("the paste holds \"ready for attestation: false\"")),
                first.why().toString());
        assertTrue(first.why().stream().anyMatch(w -> w.contains("0x81039001")), first.why().toString());
        List<Integer> scores = r.ranked().stream().map(RankedCause::score).toList();
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), scores.toString());
        }
    }

    @Test
    void negativeDecimalsAndLocalizedEvents() {
        Explanation.Recognised r = ExplainerTest.recognised("Ereignis-ID: 516 Quelle: TBS -2147023779");
        assertEquals(0x8007045D, r.code().getAsInt(), "a negative decimal HRESULT");
        assertTrue(r.summary().contains("event 516"), r.summary());
        assertEquals("tpm-fault", r.causes().get(0).id());
    }
}

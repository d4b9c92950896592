package dev.tpm2j.diagnose.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.diagnose.explain.Check.DiagnoseCheck;
import dev.tpm2j.diagnose.explain.Explanation.Kind;
import dev.tpm2j.diagnose.explain.Explanation.Recognised;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The explanations of the symptoms the issue lists, and the parsing of codes, names, event ids and log lines. */
class ExplainerTest {

    static Recognised recognised(String input) {
        return assertInstanceOf(Recognised.class, Explainer.explain(input), input);
    }

    static Set<String> tpmChecks(Recognised r) {
        return r.causes().stream().filter(Cause::inTpm).map(c -> c.check().command().orElse(""))
                .collect(Collectors.toSet());
    }

    @Test
    void everySymptomOfTheIssueNamesTpmCausesEachWithItsCheck() {
        for (String input : List.of("0x800705B4", "0x801C0003", "0x80092009", "0x800B0101", "0x80072EE2",
                "0x81039001", "0x81039024", "event 302", "event 156", "-NoValidEkCert")) {
            Recognised r = recognised(input);
            List<Cause> tpm = r.causes().stream().filter(Cause::inTpm).toList();
            assertFalse(tpm.isEmpty(), input + " names no TPM cause");
            assertTrue(tpm.stream().anyMatch(c -> c.check().command().orElse("").startsWith("tpm2j ")), input);
            for (Cause c : tpm) {
                // a TPM cause tpm2j cannot check (firmware version, lockout) says where to look instead
                assertTrue(c.check().command().orElse("").startsWith("tpm2j ")
                        || c.check() instanceof Check.OutsideTpm2j o && !o.where().isBlank(), input + ": " + c);
            }
        }
    }

    @Test
    void theRightChecksForTheRightSymptoms() {
        assertTrue(tpmChecks(recognised("0x80092009")).contains("tpm2j aik-url"));
        Recognised expired = recognised("0x800B0101");
        assertEquals("CERT_E_EXPIRED", expired.name().orElseThrow());
        assertTrue(expired.causes().stream().anyMatch(c -> !c.inTpm()
                && c.check().command().orElse("").equals("tpm2j diagnose --only clock-skew")), "the clock is not the TPM");
        assertTrue(tpmChecks(recognised("0x81039024")).contains("tpm2j diagnose --only roca"));
        assertTrue(tpmChecks(recognised("-NoValidEkCert")).contains("tpm2j diagnose --only ek-cert"));
        assertTrue(tpmChecks(recognised("event 156")).contains("tpm2j diagnose --only virtual-tpm"));
        // 0x800705B4 is honestly not always the TPM
        Recognised timeout = recognised("0x800705B4");
        assertTrue(timeout.causes().stream().anyMatch(c -> !c.inTpm()));
        assertEquals(Kind.HRESULT, timeout.kind());
        assertTrue(timeout.causes().stream().anyMatch(c -> !c.inTpm() && c.check() instanceof Check.OutsideTpm2j));
        // the 302 of the issue: the Entra device limit is a cause and tpm2j cannot check it
        assertTrue(recognised("event 302").causes().stream().anyMatch(c -> c.cause().contains("device limit")));
    }

    @Test
    void codesInEveryNotation() {
        assertEquals(0x800705B4, recognised("800705b4").code().getAsInt());
        assertEquals(0x800705B4, recognised("-2147023436").code().getAsInt(), "a signed HRESULT");
        assertEquals(0x800705B4, recognised("2147943860").code().getAsInt(), "an unsigned decimal");
        assertEquals(0x800B0101, recognised("CERT_E_EXPIRED").code().getAsInt());
        assertEquals(Kind.EVENT, recognised("302").kind());
        assertEquals(Kind.EVENT, recognised("Event ID: 156").kind());
        assertEquals(Kind.TPM_RESPONSE_CODE, recognised("0x9a2").kind(), "a TPM code");
        assertEquals(Kind.TPM_RESPONSE_CODE, recognised("TPM_RC_LOCKOUT").kind());
        assertEquals(Kind.TPM_RESPONSE_CODE, recognised("303").kind(), "303 is no event tpm2j knows: a code");
    }

    @Test
    void windowsAndTssCodesGoThroughTheDecoder() {
        Recognised authFail = recognised("0x8028008E");
        assertEquals(Kind.WINDOWS_TPM_20_E, authFail.kind());
        assertEquals("TPM_20_E_AUTH_FAIL", authFail.name().orElseThrow(), "the name winerror.h gives it");
        assertTrue(authFail.summary().contains("TPM_RC_AUTH_FAIL"), authFail.summary());
        assertTrue(authFail.causes().stream().anyMatch(c -> c.check().command().orElse("").equals("tpm2j rc 0x8028008e")));
        Recognised notFound = recognised("0x8028400F");
        assertEquals(Kind.WINDOWS_TBS, notFound.kind());
        assertTrue(tpmChecks(notFound).contains("tpm2j diagnose --only tpm20"));
        assertEquals(Kind.WINDOWS_TPMAPI, recognised("0x80290108").kind());
        Recognised tcti = recognised("0x000A0008");
        assertEquals(Kind.TSS2_LAYERED, tcti.kind());
        assertTrue(tpmChecks(tcti).contains("tpm2j diagnose --only tpm20"));
        Recognised lockout = recognised("0x00000921");
        assertTrue(lockout.summary().contains("TPM_RC_LOCKOUT"));
    }

    @Test
    void logLines() {
        Recognised line = recognised("AutopilotManager device enrollment failed during stage AADEnroll with error 0x801C0003");
        assertEquals(Kind.LOG_LINE, line.kind());
        assertEquals(0x801C0003, line.code().getAsInt());
        Recognised keystate = recognised("MSA TPM keystate has been updated. New server state = unattested key, new "
                + "client state = attested key");
        assertTrue(tpmChecks(keystate).contains("tpm2j ek-chain"));
        Recognised msa = recognised("{\"Code\":\"AuthorizationError\",\"SubCode\":\"MsaTicketTpmValidationFailed\"}");
        assertTrue(tpmChecks(msa).contains("tpm2j diagnose --only roca"));
        Recognised authority = recognised("{\"Message\":\"The authority \\\"intc-keyid-12\\\" does not exist.\"}");
        assertTrue(tpmChecks(authority).contains("tpm2j aik-url"));
        Recognised xml = recognised("<EventID>302</EventID>");
        assertEquals(Kind.LOG_LINE, xml.kind());
        assertTrue(xml.summary().contains("event 302"), xml.summary());
    }

    @Test
    void unrecognisedInputsSaySoWithoutThrowing() {
        for (String s : new String[] {"", "   ", "hello world", "The file does not exist.", "0x80070005", "event 12345", "0xZZ", null,
                "x".repeat(100_000), "9999999999999", "-"}) {
            Explanation e = Explainer.explain(s);
            assertInstanceOf(Explanation.NotRecognised.class, e, String.valueOf(s).substring(0,
                    Math.min(20, String.valueOf(s).length())));
        }
    }

    @Test
    void diagnoseCheckIdsAreTheStableOnes() {
        assertEquals(List.of("tpm20", "ek-cert", "ek-match", "ek-chain", "aik-url", "roca", "virtual-tpm",
                "clock-skew", "activation", "autopilot-events"),
                java.util.Arrays.stream(DiagnoseCheck.values()).map(DiagnoseCheck::id).toList());
    }
}

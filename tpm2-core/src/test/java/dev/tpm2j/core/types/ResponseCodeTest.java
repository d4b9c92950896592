package dev.tpm2j.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The decoder's cases beyond plain TPM codes, with values from Part 2 §6.6, tss2_common.h and winerror.h. */
class ResponseCodeTest {

    @Test
    void reservedAndNewCodesAreNamed() {
        assertEquals("TPM_RC_PRIVATE", ResponseCode.decode(0x10B).name());
        assertEquals("TPM_RC_HMAC", ResponseCode.decode(0x119).name());
        assertEquals("TPM_RC_FW_LIMITED", ResponseCode.decode(0x0A8).name());
        assertEquals("TPM_RC_SVN_LIMITED", ResponseCode.decode(0x0A9).name());
        ResponseCode svn = ResponseCode.decode(0x3E9);
        assertEquals("TPM_RC_SVN_LIMITED", svn.name());
        assertEquals(3, svn.parameter());
    }

    @Test
    void badTagIsReachableAndOtherOneTwoCodesAreNot() {
        ResponseCode tag = ResponseCode.decode(0x01E);
        assertEquals("TPM_RC_BAD_TAG", tag.name());
        assertEquals(0, tag.format());
        assertEquals("TPM_1.2_RC_0x01d", ResponseCode.decode(0x01D).name());
    }

    @Test
    void vendorWarningsAreWarnings() {
        ResponseCode w = ResponseCode.decode(0xD01);
        assertTrue(w.warning());
        assertEquals("TPM_RC_VENDOR+0x001", w.name());
        assertFalse(ResponseCode.decode(0x501).warning());
    }

    @Test
    void parameterNumbersUseFourBits() {
        ResponseCode rc = ResponseCode.decode(0xCD2);
        assertEquals("TPM_RC_SCHEME", rc.name());
        assertEquals(12, rc.parameter());
        assertEquals(15, ResponseCode.decode(0xFC4).parameter());
    }

    @Test
    void tss2LayeredCodes() {
        ResponseCode tcti = ResponseCode.decode(0x000A000B);
        assertEquals(ResponseCode.Origin.TSS2_LAYER, tcti.origin());
        assertEquals(Tss2Layer.TCTI, tcti.layer());
        assertEquals("tcti", tcti.layerLabel());
        assertEquals("TSS2_BASE_RC_BAD_VALUE", tcti.name());
        assertEquals(-1, tcti.format());
        assertEquals("TSS2_BASE_RC_NO_CONNECTION", ResponseCode.decode(0x000A0008).name());
        assertEquals("TSS2_BASE_RC_RSP_AUTH_FAILED", ResponseCode.decode(0x0007001B).name());
        assertEquals("fapi", ResponseCode.decode(0x00060034).layerLabel());

        ResponseCode rmt = ResponseCode.decode(0x000B098E);
        assertEquals("rmt", rmt.layerLabel());
        assertEquals("TPM_RC_AUTH_FAIL", rmt.name());
        assertEquals(1, rmt.session());
        assertEquals(0x000B098E, rmt.code());
        assertTrue(rmt.carriesTpmCode());

        ResponseCode rm = ResponseCode.decode(0x000C0001);
        assertEquals("rm", rm.layerLabel());
        assertEquals("TSS2_RM_RC+0x0001", rm.name());
        assertEquals("14", ResponseCode.decode(0x000E0001).layerLabel());
        assertEquals("tcti: TSS2_BASE_RC_BAD_VALUE, 0x000a000b", tcti.toString());
    }

    @Test
    void windowsTpm20CodesCarryTheTpmCode() {
        ResponseCode rc = ResponseCode.decode(0x8028008E);
        assertEquals(ResponseCode.Origin.WINDOWS_TPM_20_E, rc.origin());
        assertEquals("TPM_RC_AUTH_FAIL", rc.name());
        assertEquals(0x08E, rc.base());
        assertNull(rc.handle());
        assertEquals("TPM_RC_LOCKOUT", ResponseCode.decode(0x80280921).name());
        assertEquals("TPM_RC_INITIALIZE", ResponseCode.decode(0x80280100).name());
        // TBS codes in the same facility keep their own names
        assertEquals("TBS_E_TPM_NOT_FOUND", ResponseCode.decode(0x8028400F).name());
        assertEquals(ResponseCode.Origin.WINDOWS_TBS, ResponseCode.decode(0x8028400F).origin());
        assertEquals("TPM_E_COMMAND_BLOCKED", ResponseCode.decode(0x80280400).name());
    }

    @Test
    void tpmApiCodesAreNamed() {
        ResponseCode rc = ResponseCode.decode(0x80290109);
        assertEquals("TPMAPI_E_AUTHORIZATION_FAILED", rc.name());
        assertEquals(ResponseCode.Origin.WINDOWS_TPMAPI, rc.origin());
        assertEquals("TPM_E_PCP_AUTHENTICATION_FAILED", ResponseCode.decode(0x80290408).name());
        assertEquals("0x80290FFF", ResponseCode.decode(0x80290FFF).name());
    }

    @Test
    void foreignHresultsAreSaidToBeForeign() {
        ResponseCode rc = ResponseCode.decode(0x800705B4);
        assertEquals(ResponseCode.Origin.NOT_A_TPM_CODE, rc.origin());
        assertFalse(rc.carriesTpmCode());
        assertNull(rc.layerLabel());
    }

    @Test
    void everyNamedCodeRoundTrips() {
        for (int c : TpmRc.namedCodes()) {
            ResponseCode rc = ResponseCode.decode(c);
            assertEquals(c, rc.base(), rc.toString());
            assertTrue(rc.name().startsWith("TPM_RC_"), rc.toString());
        }
        for (int c : WindowsTpmRc.namedCodes()) {
            assertFalse(ResponseCode.decode(c).name().startsWith("TBS_0x"));
        }
    }
}

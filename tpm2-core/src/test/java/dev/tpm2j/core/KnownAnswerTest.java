package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.crypto.Kdf;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkPolicies;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the TCG specifications: TCG EK Credential Profile 2.5 §B.3 (EK templates L-1/L-2 and H-1..H-7,
 * PolicyA/B/C digests and the EK policy NV indices), TPM 2.0 Part 1 §11.4.10 (KDFa/KDFe), Part 2 §6.3 (TPM_ALG_ID), §8.3 (TPMA_OBJECT)
 * and §6.6 (TPM_RC).
 */
class KnownAnswerTest {

    @Test
    void ekTemplateL1Marshals314Bytes() {
        assertEquals(314, EkTemplates.L1_RSA2048.toBytes().length);
        assertEquals(0x000300B2, EkTemplates.L1_RSA2048.objectAttributes().value());
        assertEquals(0x000300F2, EkTemplates.H1_RSA2048.objectAttributes().value());
        assertEquals("fixedtpm|fixedparent|sensitivedataorigin|adminwithpolicy|restricted|decrypt",
                EkTemplates.L1_RSA2048.objectAttributes().toString());
    }

    @Test
    void allEkTemplatesRoundTrip() {
        for (TpmtPublic t : new TpmtPublic[] {EkTemplates.L1_RSA2048, EkTemplates.L2_ECC_P256, EkTemplates.H1_RSA2048,
                EkTemplates.H2_ECC_P256, EkTemplates.H3_ECC_P384, EkTemplates.H4_ECC_P521, EkTemplates.H6_RSA3072,
                EkTemplates.H7_RSA4096}) {
            StructureRoundTripFuzzTest.roundTrip(t, TpmtPublic::read);
            assertEquals(TpmHash.digestSize(t.nameAlg()), t.authPolicy().size());
        }
    }

    @Test
    void ekPolicyDigestsAreDerivedToTheProfileValues() {
        assertEquals("837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa",
                EkPolicies.policyA(TpmAlgId.SHA256).toHex());
        assertEquals("000b0c9d717e9c3fe69fda41769450bb145957f8b3610e084dbf65591a5d11ecd83f",
                Names.nv(EkPolicies.policyIndexPublic(TpmAlgId.SHA256)).toHex());
        assertEquals("3767e2edd43ff45a3a7e1eaefcef78643dca964632e7aad82c673a30d8633fde",
                EkPolicies.policyC(TpmAlgId.SHA256).toHex());
        assertEquals("ca3d0a99a2b93906f7a3342414efcfb3a385d44cd1fd459089d19b5071c0b7a0",
                EkPolicies.policyB(TpmAlgId.SHA256).toHex());
        assertEquals("b26e7d28d11a50bc53d882bcf5fd3a1a074148bb35d3b4e4cb1c0ad9bde419cacb47ba09699646150f9fc000f3f80e12",
                EkPolicies.policyB(TpmAlgId.SHA384).toHex());
        assertEquals("b8221ca69e8550a4914de3faa6a18c072cc01208073a928d5d66d59ef79e49a429c41a6b269571d57edb25fbdb1838425608b413cd616a5f6db5b6071af99bea",
                EkPolicies.policyB(TpmAlgId.SHA512).toHex());
        assertEquals(EkPolicies.policyA(TpmAlgId.SHA256), EkTemplates.L1_RSA2048.authPolicy());
        assertEquals(EkPolicies.policyB(TpmAlgId.SHA384), EkTemplates.H3_ECC_P384.authPolicy());
    }

    @Test
    void responseCodesDecodeWithNameAndBlame() {
        ResponseCode badAuth = ResponseCode.decode(0x9A2);
        assertEquals("TPM_RC_BAD_AUTH", badAuth.name());
        assertEquals(1, badAuth.format());
        assertEquals(1, badAuth.session());
        assertNull(badAuth.parameter());
        assertNull(badAuth.handle());

        ResponseCode policy = ResponseCode.decode(0x99D);
        assertEquals("TPM_RC_POLICY_FAIL", policy.name());
        assertEquals(1, policy.session());

        ResponseCode integrity = ResponseCode.decode(0x1DF);
        assertEquals("TPM_RC_INTEGRITY", integrity.name());
        assertEquals(1, integrity.parameter());

        ResponseCode size = ResponseCode.decode(0x095);
        assertEquals("TPM_RC_SIZE", size.name());
        assertNull(size.handle(), "handle 0 means unspecified");
        assertEquals("", size.blame());

        ResponseCode handle = ResponseCode.decode(0x18B);
        assertEquals("TPM_RC_HANDLE", handle.name());
        assertEquals(1, handle.handle());

        ResponseCode retry = ResponseCode.decode(0x922);
        assertEquals("TPM_RC_RETRY", retry.name());
        assertTrue(retry.warning());
        assertEquals(0, retry.format());

        ResponseCode blocked = ResponseCode.decode(0x80280400);
        assertEquals("TPM_E_COMMAND_BLOCKED", blocked.name());
        assertEquals(0x80280400, blocked.code());
        assertEquals(-1, blocked.format());

        assertEquals("TPM_RC_NV_UNINITIALIZED", ResponseCode.decode(0x14A).name());
        assertEquals("TPM_RC_NV_RANGE", ResponseCode.decode(0x146).name());
        assertEquals("TBS_E_ACCESS_DENIED", ResponseCode.decode(0x80284012).name());
        assertTrue(ResponseCode.decode(0x80284012).description().contains("run elevated"));
    }

    @Test
    void unknownCodesAreDecodedStructurallyNeverUnknown() {
        assertEquals("TPM_RC_WARN+0x07e", ResponseCode.decode(0x97E).name());
        assertEquals("TPM_RC_FMT1+0x03e", ResponseCode.decode(0x0BE).name());
        assertEquals("TPM_RC_VENDOR+0x001", ResponseCode.decode(0x501).name());
        assertEquals("TPM_1.2_RC_0x005", ResponseCode.decode(0x005).name());
        assertEquals("0x80289999", ResponseCode.decode(0x80289999).name());
        for (int c = 0; c < 0x1000; c++) {
            assertFalse(ResponseCode.decode(c).name().toLowerCase().contains("unknown"));
        }
    }

    @Test
    void attributeNamesAreReadable() {
        TpmaNv ek = new TpmaNv(0x62072001);
        assertEquals("ppwrite|writedefine|ppread|ownerread|authread|no_da|written|platformcreate", ek.toString());
        assertTrue(ek.has(TpmaNv.PLATFORMCREATE));
        assertEquals("nt=counter", new TpmaNv(0x10).toString());
        assertEquals("sign|x509sign", TpmaObject.of(TpmaObject.SIGN_ENCRYPT, TpmaObject.X509_SIGN).toString());
    }

    @Test
    void kdfaAndKdfeFollowTheirDefinitions() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] u = "U".getBytes();
        byte[] v = "V".getBytes();
        // KDFa for 256 bits with SHA-256 is exactly one HMAC block: HMAC(key, 1 | label | 0 | U | V | 256)
        byte[] expected = TpmHash.hmac(TpmAlgId.SHA256, key, new byte[] {0, 0, 0, 1}, "STORAGE".getBytes(),
                new byte[] {0}, u, v, new byte[] {0, 0, 1, 0});
        assertEquals(Bytes.of(expected), Bytes.of(Kdf.kdfa(TpmAlgId.SHA256, key, "STORAGE", u, v, 256)));
        // 384 bits: two blocks with counters 1 and 2, truncated
        byte[] two = Kdf.kdfa(TpmAlgId.SHA256, key, "X", u, v, 384);
        byte[] b2 = TpmHash.hmac(TpmAlgId.SHA256, key, new byte[] {0, 0, 0, 2}, "X".getBytes(), new byte[] {0}, u, v,
                new byte[] {0, 0, 1, (byte) 0x80});
        assertEquals(Bytes.of(b2).slice(0, 16), Bytes.of(two).slice(32, 48));
        byte[] e = Kdf.kdfe(TpmAlgId.SHA256, key, "IDENTITY", u, v, 256);
        assertEquals(Bytes.of(TpmHash.hash(TpmAlgId.SHA256, new byte[] {0, 0, 0, 1}, key, "IDENTITY".getBytes(),
                new byte[] {0}, u, v)), Bytes.of(e));
    }

    @Test
    void emptyKeyHmacEqualsSingleZeroByteKey() {
        // documents the identity TpmHash relies on for unbound, unsalted sessions
        assertEquals(Bytes.of(TpmHash.hmac(TpmAlgId.SHA256, new byte[0], "m".getBytes())),
                Bytes.of(TpmHash.hmac(TpmAlgId.SHA256, new byte[32], "m".getBytes())));
    }
}

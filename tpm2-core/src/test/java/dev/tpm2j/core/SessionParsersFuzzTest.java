package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.commands.ContextSave;
import dev.tpm2j.core.commands.GetSessionAuditDigest;
import dev.tpm2j.core.commands.NvCertify;
import dev.tpm2j.core.commands.ObjectChangeAuth;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.commands.VerifySignature;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;

/**
 * Jazzer targets for the untrusted bytes issue 12 added parsers for: the NV_Certify and ObjectChangeAuth response
 * parameters, TPMS_CONTEXT from ContextSave, TPMT_TK_VERIFIED from VerifySignature, and the command trace's reading of a whole response. Oracle: only
 * {@link TpmFormatException} from the parsers (the trace never throws), allocation bounded by the input size.
 */
class SessionParsersFuzzTest {
    private static void parse(TpmCommand<?> command, byte[] data) {
        parseOnce(command, data); // first run: class loading and one-time initialisation are not the parser's
        long before = Allocation.allocatedBytes();
        parseOnce(command, data);
        long used = Allocation.allocatedBytes() - before;
        assertTrue(used <= Allocation.bound(data.length), used + " bytes allocated for " + data.length);
    }

    private static void parseOnce(TpmCommand<?> command, byte[] data) {
        try {
            TpmReader r = TpmReader.of(data);
            command.parseResponse(new int[command.shape().responseHandleCount()], r);
            r.expectEnd("parameters");
        } catch (TpmFormatException expected) {
            // the one documented failure for malformed input
        }
    }

    @FuzzTest(maxDuration = "10s")
    void nvCertifyResponse(byte[] data) {
        parse(new NvCertify(0x80000001, 0x01500000, 0x01500000, Bytes.EMPTY, TpmtSigScheme.NULL, 8, 0), data);
    }

    @FuzzTest(maxDuration = "10s")
    void objectChangeAuthResponse(byte[] data) {
        parse(new ObjectChangeAuth(0x80000001, 0x80000000, new byte[0]), data);
    }

    @FuzzTest(maxDuration = "10s")
    void contextSaveResponse(byte[] data) {
        parse(new ContextSave(0x80000001), data);
    }

    @FuzzTest(maxDuration = "10s")
    void getSessionAuditDigestResponse(byte[] data) {
        parse(new GetSessionAuditDigest(0x4000000B, 0x40000007, 0x02000000, Bytes.EMPTY, TpmtSigScheme.NULL), data);
        try {
            TpmReader r = TpmReader.of(data);
            new GetSessionAuditDigest(0x4000000B, 0x40000007, 0x02000000, Bytes.EMPTY, TpmtSigScheme.NULL)
                    .parseResponse(new int[0], r).sessionDigest(32);
        } catch (TpmFormatException expected) {
            // too short, wrong size, or not a response at all
        }
    }

    @FuzzTest(maxDuration = "10s")
    void verifySignatureResponse(byte[] data) {
        parse(new VerifySignature(0x80000001, Bytes.EMPTY, TpmtSignature.NULL), data);
    }

    @FuzzTest(maxDuration = "10s")
    void traceOfAResponse(byte[] data) {
        int rc = data.length >= 10 ? ((data[6] & 0xFF) << 24 | (data[7] & 0xFF) << 16 | (data[8] & 0xFF) << 8
                | (data[9] & 0xFF)) : 0;
        CommandTrace.formatResponse(new NvCertify(0x80000001, 0x01500000, 0x01500000, Bytes.EMPTY,
                TpmtSigScheme.NULL, 8, 0), data, rc); // warm-up: class loading is not the trace's
        CommandTrace.formatCommand(new ObjectChangeAuth(1, 2, new byte[0]), data, 2, true);
        long allocated = Allocation.allocatedBytes();
        String response = CommandTrace.formatResponse(new NvCertify(0x80000001, 0x01500000, 0x01500000, Bytes.EMPTY,
                TpmtSigScheme.NULL, 8, 0), data, rc);
        String command = CommandTrace.formatCommand(new ObjectChangeAuth(1, 2, new byte[0]), data, 2, true);
        long used = Allocation.allocatedBytes() - allocated;
        assertTrue(response.startsWith("tpm2j <- TPM2_NV_Certify"), response);
        assertTrue(command.startsWith("tpm2j -> TPM2_ObjectChangeAuth"), command);
        assertTrue(!command.contains("parameters ") || command.contains("<redacted"), "secret parameters: " + command);
        assertTrue(used <= Allocation.bound(data.length) + 16L * data.length, used + " bytes allocated");
    }
}

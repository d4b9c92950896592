package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.commands.EcdhZGen;
import dev.tpm2j.core.commands.RsaDecrypt;
import dev.tpm2j.core.commands.Sign;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtSigScheme;

/**
 * Jazzer targets for the response parameters of the key-use commands the JCA provider added (issue 26): TPM2_Sign's
 * TPMT_SIGNATURE, TPM2_RSA_Decrypt's message, TPM2_ECDH_ZGen's point. Oracle: only {@link TpmFormatException},
 * allocation bounded by the input size. Seeds: valid ECDSA and RSASSA signatures, a message, a point, truncations.
 */
class KeyUseParsersFuzzTest {
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
    void signResponse(byte[] data) {
        parse(Sign.of(0x80000001, Bytes.of(new byte[32]), new TpmtSigScheme(TpmAlgId.ECDSA, TpmAlgId.SHA256, 0)),
                data);
    }

    @FuzzTest(maxDuration = "10s")
    void rsaDecryptResponse(byte[] data) {
        parse(new RsaDecrypt(0x80000001, Bytes.of(new byte[256]), TpmAlgId.OAEP, TpmAlgId.SHA256, Bytes.EMPTY), data);
    }

    @FuzzTest(maxDuration = "10s")
    void ecdhZGenResponse(byte[] data) {
        parse(new EcdhZGen(0x80000001, new TpmsEccPoint(Bytes.of(new byte[32]), Bytes.of(new byte[32]))), data);
    }
}

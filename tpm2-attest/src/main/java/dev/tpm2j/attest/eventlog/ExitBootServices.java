package dev.tpm2j.attest.eventlog;

import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Firmware that extends PCR 5 with the Exit Boot Services EV_EFI_ACTION events but does not log them (go-attestation
 * retries its replay with them injected): a PCR 5 that differs from the replay is explained when extending the replay
 * with "Exit Boot Services Invocation" and then "… Returned with Success", "… Returned with Failure", or Failure then
 * Success gives the reported value. The events are fixed strings, so nothing the log claims is taken on trust.
 */
final class ExitBootServices {
    static final int PCR = 5;
    private static final String INVOCATION = "Exit Boot Services Invocation";
    private static final String SUCCESS = "Exit Boot Services Returned with Success";
    private static final String FAILURE = "Exit Boot Services Returned with Failure";
    private static final String[][] SEQUENCES = {{INVOCATION, SUCCESS}, {INVOCATION, FAILURE},
        {INVOCATION, FAILURE, SUCCESS}};

    private ExitBootServices() {
    }

    /** Whether {@code reported} is {@code replayed} extended by one of the unlogged Exit Boot Services sequences. */
    static boolean explains(int hashAlg, Bytes replayed, Bytes reported) {
        if (!TpmAlgId.isHash(hashAlg)) {
            return false;
        }
        for (String[] sequence : SEQUENCES) {
            byte[] v = replayed.toByteArray();
            for (String action : sequence) {
                v = TpmHash.hash(hashAlg, v, TpmHash.hash(hashAlg, action.getBytes(StandardCharsets.US_ASCII)));
            }
            if (MessageDigest.isEqual(v, reported.toByteArray())) {
                return true;
            }
        }
        return false;
    }
}

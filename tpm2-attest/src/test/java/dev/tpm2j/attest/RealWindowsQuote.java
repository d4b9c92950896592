package dev.tpm2j.attest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real quote of a Windows machine on a GCP Shielded VM (go-attestation's {@code windows_gcp_shielded_vm.json} in
 * {@code testdata/eventlogs/}, provenance in testdata/README.md): its AK's TPMT_PUBLIC (RSA 2048, RSASSA/SHA-1,
 * restricted signing), the TPMS_ATTEST it signed (all 24 SHA-1 PCRs, an empty nonce), the TPMT_SIGNATURE, and the 24
 * SHA-1 PCR values the quote covers.
 *
 * @param akPublic the AK's TPMT_PUBLIC
 * @param message the quoted TPMS_ATTEST
 * @param signature the TPMT_SIGNATURE over it
 * @param pcrs the SHA-1 PCRs 0–23 the quote covers
 */
public record RealWindowsQuote(byte[] akPublic, byte[] message, byte[] signature, PcrValues pcrs) {
    /** Reads the quote from testdata. */
    public static RealWindowsQuote load() {
        try {
            String json = Files.readString(TestData.eventLog("windows_gcp_shielded_vm.json"));
            String pcrJson = Files.readString(TestData.eventLog("windows_gcp_shielded_vm.pcrs.json"));
            SortedMap<Integer, Bytes> sha1 = new TreeMap<>();
            Matcher m = Pattern.compile("\"(\\d+)\": \"([0-9a-f]{40})\"").matcher(pcrJson);
            while (m.find()) {
                sha1.put(Integer.parseInt(m.group(1)), Bytes.fromHex(m.group(2)));
            }
            return new RealWindowsQuote(field(json, "AK", "Public"), field(json, "Quote", "Quote"),
                    field(json, "Quote", "Signature"), new PcrValues(Map.of(TpmAlgId.SHA1, sha1)));
        } catch (IOException e) {
            return fail(e);
        }
    }

    /** The base64 value of {@code "name"} inside the object {@code "object"}. */
    private static byte[] field(String json, String object, String name) {
        int from = json.indexOf("\"" + object + "\":{");
        Matcher m = Pattern.compile("\"" + name + "\":\"([A-Za-z0-9+/=]*)\"").matcher(json);
        if (from < 0 || !m.find(from)) {
            return fail(object + "." + name + " not found in windows_gcp_shielded_vm.json");
        }
        return Base64.getDecoder().decode(m.group(1));
    }

    /** The message with one byte changed (for a crafted input derived from the real one). */
    public byte[] messageWith(int offset, int value) {
        byte[] m = message.clone();
        m[offset] = (byte) value;
        return m;
    }
}

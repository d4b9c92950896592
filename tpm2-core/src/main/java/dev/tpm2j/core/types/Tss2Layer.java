package dev.tpm2j.core.types;

import java.util.HashMap;
import java.util.Map;

/**
 * The layers of a tpm2-tss TSS2_RC: bits 16–23 say which software layer produced the code, bits 0–15 carry the
 * error. Layer 0 is the TPM itself; the resource-manager-TPM layer (11) relays a TPM response code; the FAPI, ESAPI,
 * SYS, MU and TCTI layers carry one of the common TSS2_BASE_RC_* errors. Layer numbers and base error values are
 * those of tpm2-tss's {@code tss2_common.h}.
 */
public enum Tss2Layer {
    /** Layer 0: a response code from the TPM. */
    TPM(0, "tpm"),
    /** Layer 6: the Feature API (FAPI). */
    FAPI(6, "fapi"),
    /** Layer 7: the Enhanced System API (ESAPI / ESYS). */
    ESAPI(7, "esapi"),
    /** Layer 8: the System API (SAPI / SYS). */
    SYS(8, "sys"),
    /** Layer 9: the marshalling library (MU). */
    MU(9, "mu"),
    /** Layer 10: the TPM command transmission interface (TCTI). */
    TCTI(10, "tcti"),
    /** Layer 11: a TPM response code relayed by a resource manager (tpm2-abrmd). */
    RESMGR_TPM(11, "rmt"),
    /** Layer 12: the resource manager's own errors. */
    RESMGR(12, "rm"),
    /** Layer 13: a driver. */
    DRIVER(13, "drvr");

    private final int number;
    private final String label;

    Tss2Layer(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** The layer number (bits 16–23 of the code). */
    public int number() {
        return number;
    }

    /** The short name tpm2-tss prints before the colon ({@code tcti}, {@code rmt}, …). */
    public String label() {
        return label;
    }

    /** The layer with this number, or null for a number tpm2-tss does not assign. */
    public static Tss2Layer of(int number) {
        for (Tss2Layer l : values()) {
            if (l.number == number) {
                return l;
            }
        }
        return null;
    }

    /** True for the layers whose low 16 bits are a TSS2_BASE_RC_* error (FAPI, ESAPI, SYS, MU, TCTI). */
    public boolean carriesBaseError() {
        return this == FAPI || this == ESAPI || this == SYS || this == MU || this == TCTI;
    }

    /** True for the layers whose low 16 bits are a TPM response code (the TPM, and the resource manager's TPM layer). */
    public boolean carriesTpmCode() {
        return this == TPM || this == RESMGR_TPM;
    }

    private static final Map<Integer, TpmRc.Info> BASE = new HashMap<>();

    private static void base(int value, String name, String description) {
        BASE.put(value, new TpmRc.Info("TSS2_BASE_RC_" + name, description));
    }

    static {
        BASE.put(0, new TpmRc.Info("TSS2_RC_SUCCESS", "success"));
        base(1, "GENERAL_FAILURE", "a catch-all failure");
        base(2, "NOT_IMPLEMENTED", "the function is not implemented");
        base(3, "BAD_CONTEXT", "the context structure is not valid");
        base(4, "ABI_MISMATCH", "the caller's ABI version does not match the library's");
        base(5, "BAD_REFERENCE", "a pointer that must not be NULL is NULL");
        base(6, "INSUFFICIENT_BUFFER", "a buffer is too small");
        base(7, "BAD_SEQUENCE", "functions were called in the wrong order");
        base(8, "NO_CONNECTION", "the layer below could not be reached (is the TPM device, resource manager or simulator there?)");
        base(9, "TRY_AGAIN", "the operation timed out; call it again to finish it");
        base(10, "IO_ERROR", "an input/output failure");
        base(11, "BAD_VALUE", "a parameter has a value that is not valid");
        base(12, "NOT_PERMITTED", "the operation is not permitted");
        base(13, "INVALID_SESSIONS", "sessions were given that the command does not use, or not the number it uses");
        base(14, "NO_DECRYPT_PARAM", "a decrypt session was given but the command has no parameter to decrypt");
        base(15, "NO_ENCRYPT_PARAM", "an encrypt session was given but the command has no parameter to encrypt");
        base(16, "BAD_SIZE", "a parameter has the wrong size");
        base(17, "MALFORMED_RESPONSE", "the response is malformed");
        base(18, "INSUFFICIENT_CONTEXT", "the context is too small");
        base(19, "INSUFFICIENT_RESPONSE", "the response is too short");
        base(20, "INCOMPATIBLE_TCTI", "the TCTI version is unknown or unusable");
        base(21, "NOT_SUPPORTED", "the function is not supported");
        base(22, "BAD_TCTI_STRUCTURE", "the TCTI context is not valid");
        base(23, "MEMORY", "memory allocation failed");
        base(24, "BAD_TR", "the ESYS_TR resource object is not valid");
        base(25, "MULTIPLE_DECRYPT_SESSIONS", "more than one session has the decrypt attribute");
        base(26, "MULTIPLE_ENCRYPT_SESSIONS", "more than one session has the encrypt attribute");
        base(27, "RSP_AUTH_FAILED", "the TPM's response failed its HMAC check");
        base(28, "NO_CONFIG", "no configuration is available");
        base(29, "BAD_PATH", "the path is not valid");
        base(30, "NOT_DELETABLE", "the object cannot be deleted");
        base(31, "PATH_ALREADY_EXISTS", "the path exists already");
        base(32, "KEY_NOT_FOUND", "the key was not found");
        base(33, "SIGNATURE_VERIFICATION_FAILED", "a signature did not verify");
        base(34, "HASH_MISMATCH", "digests do not match");
        base(35, "KEY_NOT_DUPLICABLE", "the key cannot be duplicated");
        base(36, "PATH_NOT_FOUND", "the path was not found");
        base(37, "NO_CERT", "no certificate was found");
        base(38, "NO_PCR", "no PCR was found");
        base(39, "PCR_NOT_RESETTABLE", "the PCR cannot be reset");
        base(40, "BAD_TEMPLATE", "the template is not valid");
        base(41, "AUTHORIZATION_FAILED", "an authorization failed");
        base(42, "AUTHORIZATION_UNKNOWN", "the authorization is not known");
        base(43, "NV_NOT_READABLE", "the NV index cannot be read");
        base(44, "NV_TOO_SMALL", "the NV index is too small");
        base(45, "NV_NOT_WRITEABLE", "the NV index cannot be written");
        base(46, "POLICY_UNKNOWN", "the policy is not known");
        base(47, "NV_WRONG_TYPE", "the NV index has the wrong type");
        base(48, "NAME_ALREADY_EXISTS", "the name exists already");
        base(49, "NO_TPM", "no TPM is available");
        base(50, "BAD_KEY", "the key is not valid");
        base(51, "NO_HANDLE", "no handle was given");
        base(52, "NOT_PROVISIONED", "the FAPI keystore has not been provisioned");
        base(53, "ALREADY_PROVISIONED", "the FAPI keystore is provisioned already");
        base(54, "CALLBACK_NULL", "a required callback is not set (tpm2-tss 4.0 and later)");
    }

    /** The TSS2_BASE_RC_* name and sentence of a base error (the low 16 bits), or null when tpm2-tss names none. */
    static TpmRc.Info baseError(int error) {
        return BASE.get(error);
    }

    /** The highest base error value tpm2j names. */
    public static int highestNamedBaseError() {
        return BASE.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
